import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EntityApi } from '../../api/metadata';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import { entityAccess } from '../../app/permissions/permission-model';
import { usePermissions, useVisibleMetadata } from '../../app/permissions/usePermissions';
import { useLocale } from '../../app/useLocale';
import { displayText } from '../../fields/registry';
import { titleField } from '../kanban/kanban-model';
import { relatedDocument } from '../record-documents';

/**
 * The related lists of an entity the user may read (their entity and reference field), each with the
 * field that names its records and whether the user may create one there.
 */
export function useRelatedSources(api: EntityApi) {
  const metadata = useVisibleMetadata();
  const permissions = usePermissions();
  return api.related.flatMap((r) => {
    const source = metadata.data?.entities.find((e) => e.name === r.entity);
    if (!source || !source.fields.some((f) => f.name === r.field)) return [];
    const title = titleField(source);
    const canCreate = entityAccess(permissions.data, source).create;
    return [{ ...r, source, title, canCreate, fields: title ? [title] : [] }];
  });
}

/** Rows shown per related list. */
const RELATED_ROWS = 10;

interface Related {
  totalCount: number;
  nodes: Array<Record<string, unknown> & { id: string }>;
}

/**
 * The records of other entities that reference this one (reverse references, as the server names
 * them in `entityApis.related`), each list with a link to create one already pointing here.
 */
export function RelatedLists({ api, recordId }: { api: EntityApi; recordId: string }) {
  const { t } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const lists = useRelatedSources(api);
  const related = useQuery({
    queryKey: ['related', api.entity, recordId, lists.map((l) => l.connection)],
    enabled: lists.length > 0,
    queryFn: ({ signal }) =>
      client
        .request<{ record: Record<string, Related> | null }>(
          relatedDocument(api, lists, RELATED_ROWS),
          { id: recordId },
          signal,
        )
        .then((d) => d.record),
  });
  if (lists.length === 0) return null;
  return (
    <section aria-labelledby="related-heading" data-testid="related-lists">
      <h3 id="related-heading">{t('relatedHeading')}</h3>
      {related.isError && <ErrorPanel error={related.error} />}
      {lists.map((l, i) => {
        const rows = related.data?.[`r${i}`];
        const field = l.source.fields.find((f) => f.name === l.field);
        return (
          <div key={l.connection} className="card" data-related={l.connection}>
            <div className="toolbar">
              <h4>
                {t('relatedTitle', {
                  entity: label(l.source.label, l.entity),
                  field: label(field?.label, l.field),
                  count: rows?.totalCount ?? 0,
                })}
              </h4>
              <span className="spacer" />
              {l.canCreate && (
                <Link
                  className="button button--secondary"
                  to={`/workspace/${l.entity}/new?${new URLSearchParams({ [l.field]: recordId }).toString()}`}
                >
                  {t('newRecord')}
                </Link>
              )}
            </div>
            <ul className="link-list">
              {rows?.nodes.map((n) => (
                <li key={n.id}>
                  <Link to={`/workspace/${l.entity}/${n.id}`}>
                    {(l.title && displayText(l.title, n[l.title.name], locale, [t('yes'), t('no')])) ||
                      n.id.slice(0, 8)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
