import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RestoreVersionMutation, VersionsQuery } from '../../api/generated';
import { METADATA_KEY } from '../../api/metadata';
import { RESTORE_VERSION, VERSIONS } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import { VERSIONS_KEY } from './usePublish';
import { VersionCompare } from './VersionCompare';

/** `/designer/history`: every published version, newest first, each restorable as a new version. */
export default function HistoryPage() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: VERSIONS_KEY,
    queryFn: ({ signal }) => client.request<VersionsQuery>(VERSIONS, undefined, signal),
  });
  const restore = useMutation({
    mutationFn: (version: number) =>
      client.request<RestoreVersionMutation>(RESTORE_VERSION, { version }).then((d) => d.restoreMetadataVersion),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: VERSIONS_KEY }),
        queryClient.invalidateQueries({ queryKey: METADATA_KEY }),
      ]),
  });
  if (versions.isError) {
    return <ErrorPanel error={versions.error} onRetry={() => void versions.refetch()} />;
  }
  if (!versions.data) {
    return <p className="status">{t('loading')}</p>;
  }
  const rows = [...(versions.data.metadataVersions ?? [])].sort((a, b) => b.version - a.version);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div>
      <h2>{t('navHistory')}</h2>
      {restore.data?.applied && (
        <p role="status" className="success">
          {t('rolledBack', { version: restore.data.version })}
        </p>
      )}
      {restore.data && !restore.data.applied && (
        <div className="problem-note" role="alert">
          <ul>
            {restore.data.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {restore.isError && <ErrorPanel error={restore.error} />}
      {rows.length > 1 && <VersionCompare versions={rows.map((v) => v.version)} />}
      <table className="data-table" data-testid="version-table">
        <thead>
          <tr>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('publishedAt')}</th>
            <th scope="col">{t('publishedBy')}</th>
            <th scope="col">{t('summary')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.version}>
              <td>
                {v.version}{' '}
                {v.version === versions.data.metadataVersion && <span className="badge">{t('current')}</span>}
              </td>
              <td>{format.format(new Date(v.publishedAt))}</td>
              <td>{v.publishedBy ?? ''}</td>
              <td className="summary-cell">{v.summary ?? ''}</td>
              <td>
                {v.version !== versions.data.metadataVersion && (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={restore.isPending}
                    onClick={() =>
                      window.confirm(t('confirmRollback', { version: v.version })) && restore.mutate(v.version)
                    }
                  >
                    {t('rollback')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
