import { useTranslation } from 'react-i18next';
import { FIELD_TYPES } from '../../fields/registry';
import type { Field, FieldType } from '../../metamodel';
import type { CompletionField } from '../expression/expression-support';
import { ProblemNote } from '../ProblemNote';
import { SortableItem } from '../SortableItem';
import type { PublishProblem } from '../publish/usePublish';
import { applies, withType } from './entity-model';
import { FieldTypeOptions } from './FieldTypeOptions';

const TYPES = Object.keys(FIELD_TYPES) as FieldType[];

export interface FieldRowProps {
  uid: string;
  index: number;
  count: number;
  field: Field;
  entityNames: readonly string[];
  /** The entity's fields, for completion in this field's expressions. */
  completionFields: readonly CompletionField[];
  problems?: readonly PublishProblem[];
  onChange: (field: Field) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** One field: drag handle, move and remove buttons, and every option its type has. */
export function FieldRow({
  uid,
  index,
  count,
  field,
  entityNames,
  completionFields,
  problems,
  onChange,
  onMove,
  onRemove,
}: FieldRowProps) {
  const { t } = useTranslation();
  const id = `field-${index}`;
  const problemId = problems?.length ? `${id}-problems` : undefined;
  const set = <K extends keyof Field>(key: K, value: Field[K]) => onChange({ ...field, [key]: value });
  const setLabel = (locale: 'zh-CN' | 'en', text: string) =>
    onChange({ ...field, label: { ...field.label, [locale]: text } });

  return (
    <SortableItem
      uid={uid}
      id={id}
      index={index}
      count={count}
      name={field.name}
      title={field.label['zh-CN'] || field.label.en || field.name}
      invalid={!!problems?.length}
      removeLabel={t('removeField')}
      data={{ 'data-field': field.name }}
      onMove={onMove}
      onRemove={onRemove}
    >
      <ProblemNote id={`${id}-problems`} problems={problems} />
      <div className="form-grid">
        <label>
          {t('fieldName')}
          <input
            id={`${id}-name`}
            value={field.name}
            aria-describedby={problemId}
            onChange={(e) => set('name', e.target.value)}
          />
        </label>
        <label>
          {t('fieldType')}
          <select
            id={`${id}-type`}
            value={field.type}
            onChange={(e) => onChange(withType(field, e.target.value as FieldType))}
          >
            {TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`type_${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('labelZh')}
          <input
            id={`${id}-label-zh`}
            value={field.label['zh-CN'] ?? ''}
            onChange={(e) => setLabel('zh-CN', e.target.value)}
          />
        </label>
        <label>
          {t('labelEn')}
          <input id={`${id}-label-en`} value={field.label.en ?? ''} onChange={(e) => setLabel('en', e.target.value)} />
        </label>
      </div>
      <div className="checks">
        {(['required', 'unique', 'indexed', 'readOnly', ...(applies('integer', field.type) ? (['integer'] as const) : [])] as const).map((flag) => (
          <label key={flag}>
            <input
              type="checkbox"
              id={`${id}-${flag}`}
              checked={field[flag] === true}
              onChange={(e) => set(flag, e.target.checked || undefined)}
            />
            {t(flag)}
          </label>
        ))}
      </div>
      <FieldTypeOptions
        key={field.type /* the texts being typed belong to one type: a new type starts from the field */}
        id={id}
        field={field}
        entityNames={entityNames}
        completionFields={completionFields}
        problems={problems}
        onChange={onChange}
      />
    </SortableItem>
  );
}
