import { useCallback, useEffect, useState } from 'react';
import type { GraphQLClient } from '../api/graphql';
import { toEntitySummaries, type EntitySummary } from '../entities/entity';

export const METADATA_QUERY = '{ metadataVersion definitions(kind: "entity") }';

interface MetadataResult {
  metadataVersion: number;
  definitions: unknown[];
}

export type MetadataState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; version: number; entities: EntitySummary[] };

/** Loads the published entities and metadata version; `reload` fetches them again. */
export function useMetadata(client: GraphQLClient): { state: MetadataState; reload: () => void } {
  const [state, setState] = useState<MetadataState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    client
      .request<MetadataResult>(METADATA_QUERY, undefined, controller.signal)
      .then((data) => {
        const entities = toEntitySummaries(Array.isArray(data.definitions) ? data.definitions : []);
        setState({ status: 'ready', version: data.metadataVersion, entities });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ status: 'error', error });
        }
      });
    return () => controller.abort();
  }, [client, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
