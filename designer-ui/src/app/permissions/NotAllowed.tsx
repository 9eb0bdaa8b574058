import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Navigation } from './permission-model';
import { navigation } from './permission-model';
import { usePermissions } from './usePermissions';

/** A page the user may not use: said plainly instead of a screen whose every request would be refused. */
export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <p className="empty" data-testid="not-allowed">
      {t('notAllowedPage')}
    </p>
  );
}

/** Renders `children` when the user's permissions open the navigation `part`, {@link NotAllowed} otherwise. */
export function RequireNavigation({ part, children }: { part: keyof Navigation; children: ReactNode }) {
  const { t } = useTranslation();
  const permissions = usePermissions();
  if (permissions.isPending) return <p className="status">{t('loading')}</p>;
  if (!navigation(permissions.data)[part]) return <NotAllowed />;
  return children;
}
