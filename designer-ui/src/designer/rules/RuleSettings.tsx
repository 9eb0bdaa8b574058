import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import { NameLabels } from '../NameLabels';
import type { EntityDefinition } from '../../metamodel';

/** What every rule kind has: API name, labels, entity and (unless `noActive`) whether it is active. */
interface RuleBasics {
  name: string;
  label: { [locale: string]: string };
  entity: string;
  active?: boolean;
}

interface Props {
  value: RuleBasics;
  entities: readonly EntityDefinition[];
  onChange: (next: RuleBasics) => void;
  /** Another entity was chosen (the rule's field-bound parts start over). */
  onEntity: (entity: string) => void;
  noActive?: boolean;
  children?: ReactNode;
}

/** The settings card of a rule designer: API name, labels, entity, active, and the kind's own settings. */
export function RuleSettings({ value, entities, onChange, onEntity, noActive, children }: Props) {
  const { t } = useTranslation();
  const { label } = useLocale();
  return (
    <section className="card form-grid" id="entity-settings" aria-label={t('entitySettings')}>
      <NameLabels
        id="rule"
        name={value.name}
        label={value.label}
        onChange={(name, label) => onChange({ ...value, name, label })}
      />
      <label>
        {t('ruleEntity')}
        <select id="rule-entity" value={value.entity} onChange={(e) => onEntity(e.target.value)}>
          {entities.map((e) => (
            <option key={e.name} value={e.name}>
              {label(e.label, e.name)}
            </option>
          ))}
        </select>
      </label>
      {!noActive && (
        <label className="checks">
          <input
            type="checkbox"
            id="rule-active"
            checked={value.active !== false}
            onChange={(e) => onChange({ ...value, active: e.target.checked ? undefined : false })}
          />
          {t('active')}
        </label>
      )}
      {children}
    </section>
  );
}
