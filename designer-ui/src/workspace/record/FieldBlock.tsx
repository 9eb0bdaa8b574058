import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import { FieldEditor } from '../../fields/widgets';
import type { Field } from '../../metamodel';
import type { PlacementState } from './FormLayout';

export interface FieldBlockProps {
  field: Field;
  id: string;
  value: unknown;
  state: PlacementState;
  /** Errors to show under the editor (the browser's and the server's). */
  messages?: readonly string[];
  onChange: (value: unknown) => void;
}

/** One field of a record: its label (marked when required), the registry's editor, its errors. */
export function FieldBlock({ field, id, value, state, messages = [], onChange }: FieldBlockProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const errorId = messages.length ? `${id}-error` : undefined;
  return (
    <div className="form-field" data-field={field.name}>
      <label htmlFor={id}>
        {label(field.label, field.name)}
        {state.required && <span className="badge">{t('required')}</span>}
      </label>
      <fieldset className="bare" disabled={state.readOnly}>
        <FieldEditor
          field={field}
          id={id}
          value={value}
          {...(errorId ? { errorId } : {})}
          {...(state.helpId ? { helpId: state.helpId } : {})}
          onChange={onChange}
        />
      </fieldset>
      {errorId && (
        <span id={errorId} className="field-error" role="alert">
          {messages.join('；')}
        </span>
      )}
    </div>
  );
}
