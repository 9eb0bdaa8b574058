import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import type { CompletionField } from '../expression/expression-support';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import type { PlacementModel } from './form-model';

interface PlacementOptionsProps {
  placement: PlacementModel;
  field?: Field;
  columns: number;
  completionFields: readonly CompletionField[];
  onChange: (change: Partial<PlacementModel>) => void;
}

const CONDITIONS = ['visibleWhen', 'requiredWhen', 'readOnlyWhen'] as const;

/** The options of one placed field: column and span, help text, and its three conditions. */
export function PlacementOptions({ placement: p, field, columns, completionFields, onChange }: PlacementOptionsProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const name = field ? label(field.label, field.name) : p.field;
  const range = (from: number) => Array.from({ length: columns - from + 1 }, (_, i) => from + i);
  return (
    <section className="card" aria-label={t('placementOptions', { field: name })} data-testid="placement-options">
      <h3>{t('placementOptions', { field: name })}</h3>
      <div className="form-grid">
        <label>
          {t('placementColumn')}
          <select
            id="placement-column"
            value={p.column}
            onChange={(e) => onChange({ column: Number(e.target.value), span: 1 })}
          >
            {range(1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('placementSpan')}
          <select id="placement-span" value={p.span} onChange={(e) => onChange({ span: Number(e.target.value) })}>
            {range(1)
              .slice(0, columns - p.column + 1)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('helpZh')}
          <input
            id="placement-help-zh"
            value={p.help?.['zh-CN'] ?? ''}
            onChange={(e) => onChange({ help: { en: p.help?.en ?? '', 'zh-CN': e.target.value } })}
          />
        </label>
        <label>
          {t('helpEn')}
          <input
            id="placement-help-en"
            value={p.help?.en ?? ''}
            onChange={(e) => onChange({ help: { 'zh-CN': p.help?.['zh-CN'] ?? '', en: e.target.value } })}
          />
        </label>
      </div>
      {CONDITIONS.map((c) => (
        <div className="block" key={c}>
          <span className="block__label">{t(c)}</span>
          <ExpressionEditor
            id={`placement-${c}`}
            label={`${name} ${t(c)}`}
            value={p[c] ?? ''}
            fields={completionFields}
            onChange={(v) => onChange({ [c]: v })}
          />
        </div>
      ))}
    </section>
  );
}
