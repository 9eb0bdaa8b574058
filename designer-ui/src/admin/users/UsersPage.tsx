import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { displayText } from '../../fields/registry';
import { useRoles } from '../roles/useRoles';
import { adminFields, hasRoles, roleNames, type UserRow } from './user-admin';
import { UserForm } from './UserForm';
import { useUserEntity, useUsers } from './useUsers';
import '../admin.css';

/** `/admin/users`: the records of the built-in `user` entity, with create, edit, password and deactivation. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { user, api, error, loading } = useUserEntity();
  const [search, setSearch] = useState('');
  const users = useUsers(user, api, search);
  const roles = useRoles();
  const [editing, setEditing] = useState<UserRow | 'new'>();
  if (error) return <ErrorPanel error={error} />;
  if (users.isError) return <ErrorPanel error={users.error} onRetry={() => void users.refetch()} />;
  if (loading || !user || !api || !users.data)
    return <p className="status">{loading ? t('loading') : t('notFound')}</p>;
  const fields = adminFields(user);
  const yesNo: [string, string] = [t('yes'), t('no')];
  return (
    <div>
      <div className="toolbar">
        <h2>{t('navUsers')}</h2>
        <span className="spacer" />
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
          {t('newUser')}
        </button>
      </div>
      {!hasRoles(user) && <p className="muted">{t('noRolesField')}</p>}
      <div className="toolbar">
        <label>
          {t('searchUsername')}{' '}
          <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        {users.data.total > users.data.rows.length && (
          <span className="muted">{t('usersShown', { shown: users.data.rows.length, total: users.data.total })}</span>
        )}
      </div>
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={user}
          api={api}
          row={editing === 'new' ? undefined : editing}
          roles={roles.data ?? []}
          onDone={() => setEditing(undefined)}
        />
      )}
      <table className="data-table" data-testid="user-table">
        <thead>
          <tr>
            {fields.map((f) => (
              <th scope="col" key={f.name}>
                {f.label[locale] ?? f.name}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.data.rows.map((row) => (
            <tr key={row.id} data-username={row.username}>
              {fields.map((f) => (
                <td key={f.name}>
                  {f.name === 'roles'
                    ? roleNames(row.roles).join(', ')
                    : displayText(f, (row as unknown as Record<string, unknown>)[f.name], locale, yesNo)}
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={`${t('edit')} ${row.username}`}
                  onClick={() => setEditing(row)}
                >
                  {t('edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
