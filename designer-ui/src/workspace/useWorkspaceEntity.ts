import { useParams } from 'react-router';
import type { EntityApi } from '../api/metadata';
import type { EntityAccess } from '../app/permissions/permission-model';
import { useEntityAccess, useVisibleMetadata } from '../app/permissions/usePermissions';
import type { EntityDefinition } from '../metamodel';

/**
 * The entity of the `:entity` route parameter as the user sees it (only the fields it may read), with
 * its API names and the user's rights on it, once metadata and permissions are loaded.
 */
export function useWorkspaceEntity(): {
  entity?: EntityDefinition;
  api?: EntityApi;
  access?: EntityAccess;
  loading: boolean;
  error: unknown;
} {
  const { entity: name } = useParams();
  const metadata = useVisibleMetadata();
  const entity = metadata.data?.entities.find((e) => e.name === name);
  const access = useEntityAccess(entity);
  return {
    entity,
    ...(access ? { access } : {}),
    api: name ? metadata.data?.apis.get(name) : undefined,
    loading: metadata.isPending,
    error: metadata.error,
  };
}
