import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { useDrafts } from '../../designer/entity/useDrafts';
import type { RoleDefinition } from '../../metamodel';
import { ADMIN_ROLE, roleHref, useRoles } from './useRoles';

/** `/admin/roles`: the built-in admin role, role drafts, and the published roles, each opening the editor. */
export default function RolesPage() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const drafts = useDrafts();
  const roles = useRoles();
  const failed = [drafts, roles].find((q) => q.isError);
  if (failed) return <ErrorPanel error={failed.error} />;
  if (!drafts.data || !roles.data) return <p className="status">{t('loading')}</p>;
  const roleDrafts = drafts.data.filter((d) => d.kind === 'role');
  return (
    <div>
      <div className="toolbar">
        <h2>{t('navRoles')}</h2>
        <span className="spacer" />
        <Link className="button button--primary" to={roleHref('new')}>
          {t('newRole')}
        </Link>
      </div>
      <ul className="link-list" data-testid="role-list">
        <li>
          <strong>{t('adminRole')}</strong> <code>{ADMIN_ROLE}</code>{' '}
          <span className="muted">{t('adminRoleHint')}</span>
        </li>
        {roleDrafts.map((d) => {
          const def = d.definition as RoleDefinition;
          return (
            <li key={d.key}>
              <Link to={roleHref(d.key)}>{label(def.label, def.name || d.key)}</Link> <code>{def.name}</code>{' '}
              <span className="badge">{t('draftBadge')}</span>
            </li>
          );
        })}
        {roles.data.map((r) => (
          <li key={r.name}>
            <Link to={roleHref(`published:${r.name}`)} data-role={r.name}>
              {label(r.label, r.name)}
            </Link>{' '}
            <code>{r.name}</code>{' '}
            <span className="muted">{t('roleEntityCount', { count: Object.keys(r.entities ?? {}).length })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
