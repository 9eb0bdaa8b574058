import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityApi } from '../api/metadata';
import { ErrorPanel } from '../app/ErrorPanel';
import type { EntityAccess } from '../app/permissions/permission-model';
import type { EntityDefinition } from '../metamodel';
import { useWorkspaceEntity } from './useWorkspaceEntity';

/**
 * Renders `children` with the `:entity` of the route (as the user sees it), its API names and the
 * user's rights once metadata and permissions are there; loading, error and unknown otherwise.
 */
export function EntityRoute({
  children,
}: {
  children: (entity: EntityDefinition, api: EntityApi, access: EntityAccess) => ReactNode;
}) {
  const { entity, api, access, loading, error } = useWorkspaceEntity();
  const { t } = useTranslation();
  if (error) return <ErrorPanel error={error} />;
  if (loading) return <p className="status">{t('loading')}</p>;
  if (!entity || !api || !access) return <p className="empty">{t('notFound')}</p>;
  return children(entity, api, access);
}
