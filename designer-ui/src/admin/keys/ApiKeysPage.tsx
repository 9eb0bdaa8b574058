import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from '../../api/admin-operations';
import type { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from '../../api/generated';
import { useClient } from '../../app/ClientContext';
import { ErrorPanel } from '../../app/ErrorPanel';
import { ADMIN_ROLE, useRoles } from '../roles/useRoles';
import '../admin.css';

const KEYS = ['admin', 'apiKeys'] as const;

/** `/admin/api-keys`: integrators' keys with role and last use; a new key is shown once, a revoke asks first. */
export default function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const keys = useQuery({
    queryKey: KEYS,
    queryFn: ({ signal }) => client.request<ApiKeysQuery>(API_KEYS, undefined, signal).then((d) => d.apiKeys ?? []),
  });
  const roles = useRoles();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const create = useMutation({
    mutationFn: () => client.request<CreateApiKeyMutation>(CREATE_API_KEY, { name, role }).then((d) => d.createApiKey),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: KEYS });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => client.request<RevokeApiKeyMutation>(REVOKE_API_KEY, { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  });
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const when = (value: string | null) => (value ? format.format(new Date(value)) : '—');
  const roleNames = [ADMIN_ROLE, ...(roles.data ?? []).map((r) => r.name)];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  if (keys.isError) return <ErrorPanel error={keys.error} onRetry={() => void keys.refetch()} />;
  return (
    <div>
      <h2>{t('navApiKeys')}</h2>
      <form className="card form-grid" onSubmit={submit} aria-labelledby="new-key-title">
        <h3 id="new-key-title">{t('newApiKey')}</h3>
        <label>
          {t('apiKeyName')}
          <input id="api-key-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('role')}
          <select id="api-key-role" required value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{t('choose')}</option>
            {roleNames.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t('createApiKey')}
          </button>
        </div>
        {create.isError && <ErrorPanel error={create.error} />}
      </form>
      {create.data && (
        <NewKey secret={create.data.key} name={create.data.apiKey.name} onDismiss={() => create.reset()} />
      )}
      {revoke.isError && <ErrorPanel error={revoke.error} />}
      {!keys.data ? (
        <p className="status">{t('loading')}</p>
      ) : keys.data.length === 0 ? (
        <p className="empty">{t('noneYet')}</p>
      ) : (
        <table className="data-table" data-testid="api-key-table">
          <thead>
            <tr>
              <th scope="col">{t('apiKeyName')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('apiKeyPrefix')}</th>
              <th scope="col">{t('createdBy')}</th>
              <th scope="col">{t('lastUsed')}</th>
              <th scope="col">{t('userStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id} data-key={k.name}>
                <td>{k.name}</td>
                <td>
                  <code>{k.role}</code>
                </td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>
                  {k.createdBy} · {when(k.createdAt)}
                </td>
                <td>{k.lastUsedAt ? when(k.lastUsedAt) : t('neverUsed')}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="badge">{t('revokedAt', { when: when(k.revokedAt) })}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary danger"
                      aria-label={`${t('revoke')} ${k.name}`}
                      disabled={revoke.isPending}
                      onClick={() => window.confirm(t('confirmRevoke', { name: k.name })) && revoke.mutate(k.id)}
                    >
                      {t('revoke')}
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

/** The secret of a key just made: shown this once, with a copy button. */
function NewKey({ secret, name, onDismiss }: { secret: string; name: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard access (an insecure origin, a refused permission): select it by hand
    }
  };
  return (
    <div className="card new-key" role="status" data-testid="new-api-key">
      <p>
        <strong>{t('apiKeyCreated', { name })}</strong> {t('apiKeyShownOnce')}
      </p>
      <div className="toolbar">
        <code className="new-key__secret" data-testid="new-api-key-secret">
          {secret}
        </code>
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {copied ? t('copied') : t('copy')}
        </button>
        {copied === false && <span className="muted">{t('copyByHand')}</span>}
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          {t('done')}
        </button>
      </div>
    </div>
  );
}
