import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './SessionContext';
import { SignInPage } from './SignInPage';
import { SubscriptionProvider } from './SubscriptionContext';

/**
 * Shows the sign-in page while there is no session, the app once there is. A reload restores the
 * session from the stored refresh token first; when the session ends (sign-out, a refused refresh)
 * the server-state cache is cleared so the next user sees nothing of the last one.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  useEffect(() => {
    void session.restore();
  }, [session]);
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.state === 'signedOut') queryClient.clear();
      }),
    [session, queryClient],
  );
  if (session.state === 'restoring') return <p className="status">{t('loading')}</p>;
  if (session.state === 'signedOut') return <SignInPage />;
  return <SubscriptionProvider>{children}</SubscriptionProvider>;
}
