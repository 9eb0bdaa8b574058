import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useLocale } from '../../app/useLocale';
import './pool.css';
import { usePools } from '../../designer/rules/useRuleDefinitions';

/** The published pools in the workspace's navigation. */
export function PoolNav() {
  const { t } = useTranslation();
  const { label } = useLocale();
  const pools = usePools();
  if (!pools.data?.length) return null;
  return (
    <>
      <h2 className="entity-nav__heading">{t('navPools')}</h2>
      <ul>
        {pools.data.map((p) => (
          <li key={p.name}>
            <NavLink to={`/workspace/pool/${p.name}`} data-pool={p.name}>
              {label(p.label, p.name)}
            </NavLink>
          </li>
        ))}
      </ul>
    </>
  );
}
