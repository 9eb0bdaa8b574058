import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityApi } from '../../api/metadata';
import { PasswordField } from '../../app/auth/PasswordField';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import type { EntityDefinition, RoleDefinition } from '../../metamodel';
import { ADMIN_ROLE } from '../roles/useRoles';
import { draftOf, emptyUser, hasRoles, userInput, type UserDraft, type UserRow } from './user-admin';
import { PasswordNotSet, useSaveUser, useSetPassword } from './useUsers';

interface UserFormProps {
  user: EntityDefinition;
  api: EntityApi;
  /** The user being edited; none for a new one. */
  row?: UserRow;
  roles: readonly RoleDefinition[];
  onDone: () => void;
}

/**
 * Create or edit one user: name, email, status, roles (when the entity has the field) and, for a
 * new user, a first password; an existing user gets a password of its own form and a deactivate button.
 */
export function UserForm({ user, api, row, roles, onDone }: UserFormProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [draft, setDraft] = useState<UserDraft>(() => (row ? draftOf(row) : emptyUser()));
  const [password, setPassword] = useState('');
  /** A new user whose record was stored but whose first password was refused: saving again updates it. */
  const [stored, setStored] = useState<{ id: string; version: number }>();
  const save = useSaveUser(api);
  const setUserPassword = useSetPassword();
  const statuses = user.fields.find((f) => f.name === 'status')?.options ?? [];
  const roleChoices = [ADMIN_ROLE, ...roles.map((r) => r.name)];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = row ?? stored;
    save.mutate(
      {
        input: userInput(draft, user, target ? 'update' : 'create'),
        row: target,
        password: row ? undefined : password,
        username: draft.username.trim(),
      },
      { onSuccess: onDone, onError: (error) => error instanceof PasswordNotSet && setStored(error.saved) },
    );
  };
  const deactivate = () => {
    if (row && window.confirm(t('confirmDeactivate', { username: row.username }))) {
      save.mutate(
        { input: userInput({ ...draft, status: 'inactive' }, user, 'update'), row, username: row.username },
        { onSuccess: onDone },
      );
    }
  };

  return (
    <section className="card" aria-labelledby="user-form-title" data-testid="user-form">
      <h3 id="user-form-title">{row ? t('editUser', { username: row.username }) : t('newUser')}</h3>
      <form className="form-grid" onSubmit={submit}>
        <label>
          {t('username')}
          <input
            id="user-username"
            required
            readOnly={Boolean(row ?? stored)}
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.target.value })}
          />
        </label>
        <label>
          {t('personName')}
          <input
            id="user-name"
            required
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label>
          {t('email')}
          <input
            id="user-email"
            type="email"
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.target.value })}
          />
        </label>
        <label>
          {t('userStatus')}
          <select
            id="user-status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          >
            {statuses.map((o) => (
              <option key={o.value} value={o.value}>
                {label(o.label, o.value)}
              </option>
            ))}
          </select>
        </label>
        {!row && (
          <PasswordField
            id="user-password"
            label={t('initialPassword')}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
          />
        )}
        {hasRoles(user) && (
          <fieldset className="checks" id="user-roles">
            <legend>{t('userRoles')}</legend>
            {roleChoices.map((name) => (
              <label key={name}>
                <input
                  type="checkbox"
                  id={`user-role-${name}`}
                  checked={draft.roles.includes(name)}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      roles: e.target.checked ? [...draft.roles, name] : draft.roles.filter((r) => r !== name),
                    })
                  }
                />
                {name === ADMIN_ROLE ? t('adminRole') : label(roles.find((r) => r.name === name)?.label, name)}{' '}
                <code>{name}</code>
              </label>
            ))}
          </fieldset>
        )}
        {save.error instanceof PasswordNotSet ? (
          <p className="error" role="alert">
            {t('userSavedPasswordRefused', { reason: save.error.message })}
          </p>
        ) : (
          save.isError && <ErrorPanel error={save.error} />
        )}
        <div className="toolbar">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {row ? t('save') : t('createUser')}
          </button>
          {row && row.status !== 'inactive' && (
            <button type="button" className="button button--secondary danger" onClick={deactivate}>
              {t('deactivate')}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('cancel')}
          </button>
        </div>
      </form>
      {row && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setUserPassword.mutate({ username: row.username, password }, { onSuccess: () => setPassword('') });
          }}
        >
          <PasswordField
            id="user-new-password"
            label={t('setPassword')}
            autoComplete="new-password"
            required
            value={password}
            onChange={setPassword}
          />
          <button type="submit" className="button button--secondary" disabled={setUserPassword.isPending}>
            {t('setPassword')}
          </button>
          {setUserPassword.isSuccess && (
            <span role="status" className="success">
              {t('passwordSet')}
            </span>
          )}
          {setUserPassword.isError && <ErrorPanel error={setUserPassword.error} />}
        </form>
      )}
    </section>
  );
}
