import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import { needsValue, opsFor, parseValue, valueText, withOp, type Condition, type Op } from './conditions';

export interface ConditionListProps {
  id: string;
  conditions: readonly Condition[];
  fields: readonly Field[];
  onChange: (conditions: Condition[]) => void;
}

/** A condition builder: every condition must hold (field, operator, value), without writing an expression. */
export function ConditionList({ id, conditions, fields, onChange }: ConditionListProps) {
  const { t } = useTranslation();
  const set = (i: number, c: Condition) => onChange(conditions.map((x, j) => (j === i ? c : x)));
  return (
    <div className="condition-list" id={id}>
      {conditions.length === 0 && <p className="muted">{t('noConditions')}</p>}
      <ul>
        {conditions.map((c, i) => (
          <ConditionRow
            key={i}
            id={`${id}-${i}`}
            condition={c}
            fields={fields}
            onChange={(next) => set(i, next)}
            onRemove={() => onChange(conditions.filter((_, j) => j !== i))}
          />
        ))}
      </ul>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...conditions, { field: fields[0]?.name ?? '', op: 'eq', value: '' }])}
      >
        {t('addCondition')}
      </button>
    </div>
  );
}

interface ConditionRowProps {
  id: string;
  condition: Condition;
  fields: readonly Field[];
  onChange: (c: Condition) => void;
  onRemove: () => void;
}

function ConditionRow({ id, condition: c, fields, onChange, onRemove }: ConditionRowProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const type = fields.find((f) => f.name === c.field)?.type;
  // the text as typed ("浙江, " keeps its comma while typing a list); the condition holds the parsed value
  const [text, setText] = useState(() => valueText(c.value));
  return (
    <li className="condition-row">
      <label>
        {t('conditionField')}
        <select
          id={`${id}-field`}
          value={c.field}
          onChange={(e) => onChange({ field: e.target.value, op: 'eq', value: '' })}
        >
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {label(f.label, f.name)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('conditionOp')}
        <select id={`${id}-op`} value={c.op} onChange={(e) => onChange(withOp(c, e.target.value as Op, type))}>
          {opsFor(type).map((op) => (
            <option key={op} value={op}>
              {t(`op_${op}`)}
            </option>
          ))}
        </select>
      </label>
      {needsValue(c.op) && (
        <label>
          {c.op === 'in' || c.op === 'notIn' ? t('conditionValues') : t('conditionValue')}
          <input
            id={`${id}-value`}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              onChange({ ...c, value: parseValue(c.op, e.target.value, type) });
            }}
          />
        </label>
      )}
      <button type="button" className="icon-button danger" aria-label={`${t('delete')} ${c.field}`} onClick={onRemove}>
        ✕
      </button>
    </li>
  );
}
