import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useMetadata } from '../api/metadata';
import { useInbox, useLiveInbox } from '../workspace/inbox/useInbox';
import { UserMenu } from './auth/UserMenu';
import { navigation } from './permissions/permission-model';
import { usePermissions } from './permissions/usePermissions';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of every page but GraphiQL: title, navigation, user menu, language switch, metadata version. */
export function Layout() {
  const { t } = useTranslation();
  const metadata = useMetadata();
  // links to what the server would refuse are not shown (nothing until the permissions are known)
  const allowed = navigation(usePermissions().data);
  useLiveInbox();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('appTitle')}</h1>
          <p className="tagline">{t('appTagline')}</p>
        </div>
        <div className="page-header__side">
          <UserMenu />
          <LanguageSwitch />
          {metadata.data && (
            <span className="version" data-testid="metadata-version">
              {t('metadataVersion', { version: metadata.data.version })}
            </span>
          )}
        </div>
      </header>
      <nav className="main-nav" aria-label="main">
        <NavLink to="/" end>
          {t('navHome')}
        </NavLink>
        {allowed.designer && (
          <>
            <NavLink to="/designer" end>
              {t('navDesigner')}
            </NavLink>
            <NavLink to="/designer/forms">{t('navForms')}</NavLink>
            <NavLink to="/designer/rules">{t('navRules')}</NavLink>
            <NavLink to="/designer/assignment">{t('navAssignment')}</NavLink>
            <NavLink to="/designer/history">{t('navHistory')}</NavLink>
          </>
        )}
        <NavLink to="/workspace">{t('navWorkspace')}</NavLink>
        <InboxLink />
        <a href="/graphiql">GraphiQL</a>
      </nav>
      {(allowed.users || allowed.roles || allowed.apiKeys) && (
        <nav className="main-nav admin-nav" aria-label={t('navAdmin')} data-testid="admin-nav">
          <span className="muted">{t('navAdmin')}</span>
          {allowed.users && <NavLink to="/admin/users">{t('navUsers')}</NavLink>}
          {allowed.roles && <NavLink to="/admin/roles">{t('navRoles')}</NavLink>}
          {allowed.apiKeys && <NavLink to="/admin/api-keys">{t('navApiKeys')}</NavLink>}
        </nav>
      )}
      <main>
        <Outlet />
      </main>
    </div>
  );
}

/** The inbox with the number of unread notifications. */
function InboxLink() {
  const { t } = useTranslation();
  const unread = useInbox().data?.filter((n) => !n.read).length ?? 0;
  return (
    <NavLink to="/inbox" data-testid="inbox-link">
      {unread > 0 ? t('inboxUnread', { count: unread }) : t('inbox')}
    </NavLink>
  );
}
