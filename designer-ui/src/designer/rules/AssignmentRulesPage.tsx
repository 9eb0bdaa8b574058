import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import { useDrafts } from '../entity/useDrafts';
import { assignmentHref, poolHref, useAssignmentRules, usePools } from './useRuleDefinitions';

interface Listed {
  name: string;
  label: { [locale: string]: string };
  entity: string;
}

/** `/designer/assignment`: assignment rules and pools, drafts first, each opening its editor. */
export default function AssignmentRulesPage() {
  const { t } = useTranslation();
  const drafts = useDrafts();
  const rules = useAssignmentRules();
  const pools = usePools();
  const failed = [drafts, rules, pools].find((q) => q.isError);
  if (failed) return <ErrorPanel error={failed.error} />;
  if (!drafts.data || !rules.data || !pools.data) return <p className="status">{t('loading')}</p>;
  const all = drafts.data;
  const draftsOf = (kind: string) => all.filter((d) => d.kind === kind);
  return (
    <div>
      <div className="toolbar">
        <h2>{t('assignmentRules')}</h2>
        <span className="spacer" />
        <Link className="button button--primary" to={assignmentHref('new')}>
          {t('newAssignmentRule')}
        </Link>
      </div>
      <Listing
        testId="assignment-list"
        drafts={draftsOf('assignmentRule').map((d) => ({ key: d.key, def: d.definition as Listed }))}
        published={rules.data}
        href={assignmentHref}
      />
      <div className="toolbar">
        <h2>{t('pools')}</h2>
        <span className="spacer" />
        <Link className="button button--primary" to={poolHref('new')}>
          {t('newPool')}
        </Link>
      </div>
      <Listing
        testId="pool-list"
        drafts={draftsOf('pool').map((d) => ({ key: d.key, def: d.definition as Listed }))}
        published={pools.data}
        href={poolHref}
      />
    </div>
  );
}

interface ListingProps {
  testId: string;
  drafts: { key: string; def: Listed }[];
  published: readonly Listed[];
  href: (key: string) => string;
}

function Listing({ testId, drafts, published, href }: ListingProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  if (drafts.length === 0 && published.length === 0) return <p className="empty">{t('noneYet')}</p>;
  return (
    <ul className="link-list" data-testid={testId}>
      {drafts.map((d) => (
        <li key={d.key}>
          <Link to={href(d.key)}>{label(d.def.label, d.def.name || d.key)}</Link> <code>{d.def.name}</code>{' '}
          <span className="badge">{t('draftBadge')}</span>
        </li>
      ))}
      {published.map((r) => (
        <li key={r.name}>
          <Link to={href(`published:${r.name}`)} data-rule={r.name}>
            {label(r.label, r.name)}
          </Link>{' '}
          <code>{r.name}</code> <span className="muted">{r.entity}</span>
        </li>
      ))}
    </ul>
  );
}
