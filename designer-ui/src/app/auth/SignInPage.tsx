import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGN_IN } from '../../api/admin-operations';
import type { SignInMutation } from '../../api/generated';
import { GraphQLRequestError } from '../../api/graphql';
import { LanguageSwitch } from '../LanguageSwitch';
import { createAnonymousClient } from '../client';
import { PasswordField } from './PasswordField';
import { useSession } from './SessionContext';

/**
 * The sign-in page, shown whenever there is no session (none yet, signed out, or refused by the
 * server). The server's refusal (wrong username or password, too many attempts) is shown as the
 * server words it in the language chosen here.
 */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  // the server worded the last refusal in the language of that request: a new language hides it
  useEffect(() => setError(undefined), [i18n.language]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const data = await createAnonymousClient(i18n).request<SignInMutation>(SIGN_IN, { username, password });
      if (data.signIn) session.start(data.signIn);
    } catch (cause) {
      setPassword('');
      setError(signInProblem(cause, t('errorNetwork')));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="sign-in">
      <main className="sign-in__card card">
        <div className="toolbar">
          <h1>{t('appTitle')}</h1>
          <span className="spacer" />
          <LanguageSwitch />
        </div>
        <h2>{t('signInTitle')}</h2>
        <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'sign-in-error' : undefined}>
          <label>
            {t('username')}
            <input
              id="sign-in-username"
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <PasswordField
            id="sign-in-password"
            name="password"
            label={t('password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
          />
          {error && (
            <p className="error" role="alert" id="sign-in-error" data-testid="sign-in-error">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t('signingIn') : t('signIn')}
          </button>
        </form>
      </main>
    </div>
  );
}

/** The server's own words for a refused sign-in, or `unreachable` when it was not reached. */
export function signInProblem(cause: unknown, unreachable: string): string {
  if (cause instanceof GraphQLRequestError && cause.errors.length > 0) {
    return cause.errors.map((e) => e.message).join('\n');
  }
  if (cause instanceof GraphQLRequestError && cause.kind !== 'network') return cause.message;
  return unreachable;
}
