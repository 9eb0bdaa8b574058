import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EntityApi } from '../../api/metadata';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { displayText, selection } from '../../fields/registry';
import type { EntityDefinition } from '../../metamodel';
import { EntityRoute } from '../EntityRoute';
import { deletedDocument, restoreDocument } from '../record-documents';

/** The most deleted records shown at once (the API's page limit). */
const BIN_SIZE = 100;

type Deleted = Record<string, unknown> & { id: string; deletedAt: string };

/** `/workspace/:entity/bin`: the entity's deleted records, each restorable. */
export function RecycleBinPage() {
  return (
    <EntityRoute>
      {(entity, api, access) => <RecycleBin key={entity.name} entity={entity} api={api} canRestore={access.restore} />}
    </EntityRoute>
  );
}

function RecycleBin({ entity, api, canRestore }: { entity: EntityDefinition; api: EntityApi; canRestore: boolean }) {
  const { t, i18n } = useTranslation();
  const { locale, label } = useLocale();
  const client = useClient();
  const queryClient = useQueryClient();
  const shown = entity.fields.filter((f) => f.type !== 'json').slice(0, 3);
  const deleted = useQuery({
    queryKey: ['records', entity.name, 'bin'],
    queryFn: ({ signal }) =>
      client
        .request<{ rows: { nodes: Deleted[] } }>(deletedDocument(api, shown), { first: BIN_SIZE }, signal)
        .then((d) => d.rows.nodes),
  });
  const restore = useMutation({
    mutationFn: (id: string) => client.request(restoreDocument(api), { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['records', entity.name] }),
  });
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const yesNo: [string, string] = [t('yes'), t('no')];
  return (
    <div>
      <div className="toolbar">
        <Link to={`/workspace/${entity.name}`}>{t('backToList')}</Link>
        <h2>
          {label(entity.label, entity.name)} · {t('recycleBin')}
        </h2>
      </div>
      {restore.isSuccess && (
        <p role="status" className="success">
          {t('restored')}
        </p>
      )}
      {(deleted.isError || restore.isError) && <ErrorPanel error={deleted.error ?? restore.error} />}
      {deleted.data?.length === 0 && <p className="empty">{t('binEmpty')}</p>}
      {deleted.data && deleted.data.length > 0 && (
        <table className="data-table" data-testid="bin-table">
          <thead>
            <tr>
              {shown.map((f) => (
                <th key={f.name} scope="col">
                  {label(f.label, f.name)}
                </th>
              ))}
              <th scope="col">{t('deletedAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('restore')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deleted.data.map((row) => (
              <tr key={row.id}>
                {shown.map((f) => (
                  <td key={f.name}>{displayText(f, row[selection(f)], locale, yesNo)}</td>
                ))}
                <td>{format.format(new Date(row.deletedAt))}</td>
                <td>
                  {canRestore && (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={restore.isPending}
                      onClick={() => restore.mutate(row.id)}
                    >
                      {t('restore')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
