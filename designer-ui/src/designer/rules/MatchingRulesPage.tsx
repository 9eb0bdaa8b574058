import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import type { MatchingRuleDefinition } from '../../metamodel';
import { useDrafts } from '../entity/useDrafts';
import { ruleHref, useMatchingRules } from './useMatchingRules';

/** `/designer/rules`: matching-rule drafts and the published rules, each opening the editor. */
export default function MatchingRulesPage() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const drafts = useDrafts();
  const rules = useMatchingRules();
  if (drafts.isError || rules.isError) return <ErrorPanel error={drafts.error ?? rules.error} />;
  if (!drafts.data || !rules.data) return <p className="status">{t('loading')}</p>;
  const ruleDrafts = drafts.data.filter((d) => d.kind === 'matchingRule');
  return (
    <div>
      <div className="toolbar">
        <h2>{t('matchingRules')}</h2>
        <span className="spacer" />
        <Link className="button button--primary" to={ruleHref('new')}>
          {t('newMatchingRule')}
        </Link>
      </div>
      <ul className="link-list" data-testid="rule-list">
        {ruleDrafts.map((d) => (
          <li key={d.key}>
            <Link to={ruleHref(d.key)}>{label((d.definition as MatchingRuleDefinition).label, d.name)}</Link>{' '}
            <code>{d.name}</code> <span className="badge">{t('draftBadge')}</span>
          </li>
        ))}
        {rules.data.map((r) => (
          <li key={r.name}>
            <Link to={ruleHref(`published:${r.name}`)} data-rule={r.name}>
              {label(r.label, r.name)}
            </Link>{' '}
            <code>{r.name}</code> <span className="muted">{r.entity}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
