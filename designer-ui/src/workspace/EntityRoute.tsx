import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityApi } from '../api/metadata';
import { ErrorPanel } from '../app/ErrorPanel';
import type { EntityDefinition } from '../metamodel';
import { useWorkspaceEntity } from './useWorkspaceEntity';

/** Renders `children` with the `:entity` of the route once metadata is there; loading, error and unknown otherwise. */
export function EntityRoute({ children }: { children: (entity: EntityDefinition, api: EntityApi) => ReactNode }) {
  const { entity, api, loading, error } = useWorkspaceEntity();
  const { t } = useTranslation();
  if (error) return <ErrorPanel error={error} />;
  if (loading) return <p className="status">{t('loading')}</p>;
  if (!entity || !api) return <p className="empty">{t('notFound')}</p>;
  return children(entity, api);
}
