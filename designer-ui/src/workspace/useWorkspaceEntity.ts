import { useParams } from 'react-router';
import { useMetadata, type EntityApi } from '../api/metadata';
import type { EntityDefinition } from '../metamodel';

/** The entity of the `:entity` route parameter with its API names, once metadata is loaded. */
export function useWorkspaceEntity(): { entity?: EntityDefinition; api?: EntityApi; loading: boolean; error: unknown } {
  const { entity: name } = useParams();
  const metadata = useMetadata();
  const entity = metadata.data?.entities.find((e) => e.name === name);
  return {
    entity,
    api: name ? metadata.data?.apis.get(name) : undefined,
    loading: metadata.isPending,
    error: metadata.error,
  };
}
