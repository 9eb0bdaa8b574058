import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGN_OUT } from '../../api/admin-operations';
import type { SignOutMutation } from '../../api/generated';
import { useClient } from '../ClientContext';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { useSession } from './SessionContext';

/** Who is signed in, with change password and sign out (the session ends here even if the server is not reached). */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useClient();
  const [changing, setChanging] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const signOut = async () => {
    setLeaving(true);
    try {
      await client.request<SignOutMutation>(SIGN_OUT);
    } catch {
      // the tokens are forgotten below either way; the server ends the session when they expire
    } finally {
      session.end();
    }
  };
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary>
        <span className="muted">{t('signedInAs')}</span> <strong data-testid="signed-in-user">{session.username}</strong>
      </summary>
      <div className="user-menu__items">
        <button type="button" className="button button--secondary" onClick={() => setChanging(true)}>
          {t('changePassword')}
        </button>
        <button type="button" className="button button--secondary" disabled={leaving} onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </div>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </details>
  );
}
