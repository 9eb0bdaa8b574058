import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../app/ErrorPanel';
import { useVisibleMetadata } from '../app/permissions/usePermissions';
import { EntityList } from '../entities/EntityList';
import { graphiqlHref, toEntitySummaries } from '../entities/entity';

/** The start page: the published entities and the way into GraphiQL. */
export function HomePage() {
  const { t } = useTranslation();
  const metadata = useVisibleMetadata(); // the entities the user may read
  const entities = useMemo(() => toEntitySummaries(metadata.data?.entities ?? []), [metadata.data]);
  const listNames = useMemo(
    () => new Map([...(metadata.data?.apis.values() ?? [])].map((a) => [a.entity, a.list])),
    [metadata.data],
  );

  return (
    <>
      <section className="graphiql-callout">
        <a className="button button--primary" href={graphiqlHref()}>
          {t('openGraphiql')}
        </a>
        <span>{t('graphiqlHint')}</span>
      </section>
      {metadata.isPending && (
        <p className="status" role="status">
          {t('loading')}
        </p>
      )}
      {metadata.isError && <ErrorPanel error={metadata.error} onRetry={metadata.refetch} />}
      {metadata.data && (
        <>
          <h2>{t('entitiesHeading', { count: entities.length })}</h2>
          <EntityList entities={entities} listNames={listNames} />
        </>
      )}
    </>
  );
}
