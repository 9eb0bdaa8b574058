import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import type { FormDefinition } from '../../metamodel/generated/form';
import { conditionValues } from '../../workspace/record/form-values';
import { FieldBlock } from '../../workspace/record/FieldBlock';
import { FormLayout } from '../../workspace/record/FormLayout';
import { sampleRecord } from './sample-data';

/**
 * The form as the record page will show it, on sample data that can be edited to try the
 * conditions (values stay in the browser). The same layout component renders the workspace.
 */
export function FormPreview({ form, fields }: { form: FormDefinition; fields: readonly Field[] }) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [values, setValues] = useState(() => sampleRecord(fields, (f) => label(f.label, f.name)));
  const conditions = conditionValues(fields, values);
  return (
    <section className="card" aria-label={t('preview')} data-testid="form-preview">
      <h3>{t('preview')}</h3>
      <FormLayout
        form={form}
        fields={fields}
        idPrefix="preview"
        valueOf={(name) => conditions.get(name)}
        renderField={(f, state) => (
          <FieldBlock
            field={f}
            id={`preview-${f.name}`}
            value={values[f.name]}
            state={state}
            onChange={(v) => setValues({ ...values, [f.name]: v })}
          />
        )}
      />
    </section>
  );
}
