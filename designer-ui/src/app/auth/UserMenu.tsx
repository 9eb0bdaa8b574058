import { useEffect, useRef, useState } from 'react';
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
  const menu = useRef<HTMLDetailsElement>(null);
  useCloseOnOutsideClick(menu);
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
    <>
      <details className="user-menu" data-testid="user-menu" ref={menu}>
        <summary>
          <span className="muted">{t('signedInAs')}</span>{' '}
          <strong data-testid="signed-in-user">{session.username}</strong>
        </summary>
        <div className="user-menu__items">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              menu.current?.removeAttribute('open');
              setChanging(true);
            }}
          >
            {t('changePassword')}
          </button>
          <button type="button" className="button button--secondary" disabled={leaving} onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </details>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </>
  );
}

/** A click elsewhere or Escape closes the menu, as menus do. */
function useCloseOnOutsideClick(menu: React.RefObject<HTMLDetailsElement | null>) {
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) {
        details.removeAttribute('open');
      }
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, [menu]);
}
