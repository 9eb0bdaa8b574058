import { useState, type ReactNode } from 'react';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import type { FormDefinition, Placement, Section } from '../../metamodel/generated/form';
import { evaluateCondition, type ConditionValue } from './form-conditions';

/** How a placed field shows on the record as it is now (display only; the server checks the record). */
export interface PlacementState {
  required: boolean;
  readOnly: boolean;
  /** The id of the field's help text, for `aria-describedby`. */
  helpId?: string;
}

export interface FormLayoutProps {
  form: FormDefinition;
  fields: readonly Field[];
  /** A field's current value for the conditions; undefined when unknown. */
  valueOf: (field: string) => ConditionValue | undefined;
  renderField: (field: Field, state: PlacementState) => ReactNode;
  /** Fields not to show (e.g. computed ones on a new record). */
  skip?: (field: Field) => boolean;
  /** Fields with an error: their tab is marked. */
  invalid?: (field: string) => boolean;
  idPrefix?: string;
}

/**
 * A record laid out by a form: its tabs, sections in their column grids, each placed field with its
 * help text, hidden or required or read-only as the form's conditions say on the current values.
 * Shared by the workspace's record page and the form designer's preview.
 */
export function FormLayout(props: FormLayoutProps) {
  const { form, idPrefix = 'form' } = props;
  const { label } = useLocale();
  const tabs = form.tabs ?? [];
  const [chosen, setActive] = useState(tabs[0]?.name);
  // the designer's preview may add, rename or remove the chosen tab
  const active = tabs.some((t) => t.name === chosen) ? chosen : tabs[0]?.name;
  const onTab = (s: Section) =>
    tabs.length === 0 || s.tab === active || (!tabs.some((t) => t.name === s.tab) && active === tabs[0]?.name);
  const tabInvalid = (tab: string) =>
    form.sections.some((s) => s.tab === tab && (s.fields ?? []).some((p) => props.invalid?.(p.field)));
  return (
    <div className="form-layout">
      {tabs.length > 0 && (
        <div role="tablist" className="form-tabs">
          {tabs.map((t) => (
            <button
              key={t.name}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${t.name}`}
              aria-selected={t.name === active}
              aria-controls={`${idPrefix}-panel`}
              className={`form-tab${tabInvalid(t.name) ? ' form-tab--invalid' : ''}`}
              onClick={() => setActive(t.name)}
            >
              {label(t.label, t.name)}
              {tabInvalid(t.name) && <span aria-hidden="true"> •</span>}
            </button>
          ))}
        </div>
      )}
      <div id={`${idPrefix}-panel`} role={tabs.length > 0 ? 'tabpanel' : undefined}>
        {form.sections.filter(onTab).map((s) => (
          <FormSection key={s.name} section={s} {...props} idPrefix={idPrefix} />
        ))}
      </div>
    </div>
  );
}

function FormSection({
  section,
  fields,
  valueOf,
  renderField,
  skip,
  invalid,
  idPrefix,
}: FormLayoutProps & { section: Section }) {
  const { label } = useLocale();
  // a field with an error is always shown, even where the form's conditions would hide it
  const hasError = (name: string) => invalid?.(name) === true;
  if (
    evaluateCondition(section.visibleWhen, valueOf) === false &&
    !(section.fields ?? []).some((p) => hasError(p.field))
  ) {
    return null;
  }
  const headingId = `${idPrefix}-section-${section.name}`;
  return (
    <section className="form-section card" aria-labelledby={headingId} data-section={section.name}>
      <h3 id={headingId}>{label(section.label, section.name)}</h3>
      <div
        className="form-section-grid"
        style={{ gridTemplateColumns: `repeat(${section.columns ?? 1}, minmax(0, 1fr))` }}
      >
        {(section.fields ?? []).map((p) => {
          const field = fields.find((f) => f.name === p.field);
          if (!field || skip?.(field)) return null;
          if (evaluateCondition(p.visibleWhen, valueOf) === false && !hasError(field.name)) return null;
          return (
            <PlacedField
              key={p.field}
              placement={p}
              field={field}
              valueOf={valueOf}
              renderField={renderField}
              idPrefix={idPrefix!}
            />
          );
        })}
      </div>
    </section>
  );
}

interface PlacedFieldProps {
  placement: Placement;
  field: Field;
  valueOf: FormLayoutProps['valueOf'];
  renderField: FormLayoutProps['renderField'];
  idPrefix: string;
}

function PlacedField({ placement: p, field, valueOf, renderField, idPrefix }: PlacedFieldProps) {
  const { label } = useLocale();
  const help = p.help ? label(p.help, '') : '';
  const helpId = help ? `${idPrefix}-help-${field.name}` : undefined;
  const state: PlacementState = {
    required: field.required === true || evaluateCondition(p.requiredWhen, valueOf) === true,
    readOnly: evaluateCondition(p.readOnlyWhen, valueOf) === true,
    ...(helpId ? { helpId } : {}),
  };
  return (
    <div className="form-placement" style={{ gridColumn: `${p.column ?? 1} / span ${p.span ?? 1}` }}>
      {renderField(field, state)}
      {helpId && (
        <small id={helpId} className="field-help">
          {help}
        </small>
      )}
    </div>
  );
}
