import { useTranslation } from 'react-i18next';
import { useLocale } from '../app/useLocale';
import type { Field } from '../metamodel';
import { specOf, valueType, type FilterState } from './registry';

export interface EditorProps {
  field: Field;
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** The id of the element describing the field's error, when there is one. */
  errorId?: string;
  /** The id of more text describing the field (a form's help text). */
  helpId?: string;
}

/** The editor the registry names for the field's type. */
export function FieldEditor({ field, id, value, onChange, errorId, helpId }: EditorProps) {
  const { label } = useLocale();
  const spec = specOf(field);
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.name, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': describedBy };
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  switch (spec.editor) {
    case 'textarea':
      return <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
      return (
        <input {...common} type="text" inputMode="decimal" value={text} onChange={(e) => onChange(e.target.value)} />
      );
    case 'checkbox':
      return (
        <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
      );
    case 'date':
      return <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'datetime':
      return <input {...common} type="datetime-local" value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'select':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="" />
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {label(o.label, o.value)}
            </option>
          ))}
        </select>
      );
    case 'multiSelect': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <select
          {...common}
          multiple
          value={chosen}
          onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
        >
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {label(o.label, o.value)}
            </option>
          ))}
        </select>
      );
    }
    case 'tags': {
      const list = Array.isArray(value) ? (value as string[]).join(', ') : text;
      return (
        <input
          {...common}
          type="text"
          value={list}
          onChange={(e) =>
            onChange(
              e.target.value
                .split(/[,，]/)
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        />
      );
    }
    case 'json':
      return <textarea {...common} rows={4} className="mono" value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'readOnly':
      return <output id={id}>{text}</output>;
    case 'reference':
      return <input {...common} type="text" className="mono" value={text} onChange={(e) => onChange(e.target.value)} />;
    default:
      return (
        <input {...common} type={spec.inputType ?? 'text'} value={text} onChange={(e) => onChange(e.target.value)} />
      );
  }
}

export interface FilterWidgetProps {
  field: Field;
  id: string;
  state: FilterState;
  onChange: (state: FilterState) => void;
}

/** The filter widget the registry names for the field's type (nothing for unfilterable types). */
export function FilterWidget({ field, id, state, onChange }: FilterWidgetProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const kind = specOf(field).filter;
  const type = valueType(field);
  switch (kind) {
    case 'contains':
    case 'equals':
      return (
        <input id={id} type="search" value={state.value ?? ''} onChange={(e) => onChange({ value: e.target.value })} />
      );
    case 'choice':
    case 'anyOf':
      return (
        <select id={id} value={state.value ?? ''} onChange={(e) => onChange({ value: e.target.value })}>
          <option value="">{t('any')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {label(o.label, o.value)}
            </option>
          ))}
        </select>
      );
    case 'yesNo':
      return (
        <select id={id} value={state.value ?? ''} onChange={(e) => onChange({ value: e.target.value })}>
          <option value="">{t('any')}</option>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      );
    case 'range':
    case 'dateRange': {
      const inputType = kind === 'range' ? 'text' : type === 'datetime' ? 'datetime-local' : 'date';
      return (
        <span className="range">
          <input
            id={id}
            aria-label={t('from')}
            type={inputType}
            value={state.from ?? ''}
            onChange={(e) => onChange({ ...state, from: e.target.value })}
          />
          <span aria-hidden="true">–</span>
          <input
            aria-label={t('to')}
            type={inputType}
            value={state.to ?? ''}
            onChange={(e) => onChange({ ...state, to: e.target.value })}
          />
        </span>
      );
    }
    default:
      return null;
  }
}
