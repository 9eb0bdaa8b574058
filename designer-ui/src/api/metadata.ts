import { useQuery } from '@tanstack/react-query';
import { useClient } from '../app/ClientContext';
import type { EntityDefinition } from '../metamodel';
import type { MetadataQuery } from './generated';
import { METADATA } from './operations';

/** The generated GraphQL names of one entity, as the server reports them. */
export type EntityApi = NonNullable<MetadataQuery['entityApis']>[number];

export interface Metadata {
  version: number;
  entities: EntityDefinition[];
  apis: Map<string, EntityApi>;
}

export const METADATA_KEY = ['metadata'] as const;

/** Reads the `definitions` JSON into entity definitions, skipping anything without a name and fields. */
export function toMetadata(data: MetadataQuery): Metadata {
  const entities = (Array.isArray(data.definitions) ? data.definitions : []).filter(
    (d): d is EntityDefinition =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as EntityDefinition).name === 'string' &&
      Array.isArray((d as EntityDefinition).fields),
  );
  return { version: data.metadataVersion ?? 0, entities, apis: new Map((data.entityApis ?? []).map((a) => [a.entity, a])) };
}

/** The published metadata; invalidate {@link METADATA_KEY} after a publish or rollback. */
export function useMetadata() {
  const client = useClient();
  return useQuery({
    queryKey: METADATA_KEY,
    queryFn: ({ signal }) => client.request<MetadataQuery>(METADATA, undefined, signal).then(toMetadata),
  });
}
