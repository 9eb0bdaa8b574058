import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES } from '../../fields/registry';
import type { Field, FieldType } from '../../metamodel';
import type { CompletionField } from '../expression/expression-support';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { ProblemNote } from '../ProblemNote';
import { problemTarget } from '../publish/problem-path';
import type { PublishProblem } from '../publish/usePublish';
import { applies, optionsToText, textToOptions, textToTransitions, transitionsToText, withType } from './entity-model';

const TYPES = Object.keys(FIELD_TYPES) as FieldType[];
const RESULT_TYPES = ['text', 'number', 'money', 'percent', 'bool', 'date', 'datetime'] as const;

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
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: uid,
  });
  const id = `field-${index}`;
  const problemId = problems?.length ? `${id}-problems` : undefined;
  const set = <K extends keyof Field>(key: K, value: Field[K]) => onChange({ ...field, [key]: value });
  const setLabel = (locale: 'zh-CN' | 'en', text: string) =>
    onChange({ ...field, label: { ...field.label, [locale]: text } });
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const problemsAt = (property: string) => problems?.filter((p) => problemTarget(p.path)?.property === property);
  const [optionText, setOptionText] = useState(() => optionsToText(field.options));
  const [transitionText, setTransitionText] = useState(() => transitionsToText(field.transitions));

  return (
    <li
      ref={setNodeRef}
      id={id}
      tabIndex={-1}
      className={`field-row${problems?.length ? ' field-row--invalid' : ''}${isDragging ? ' field-row--dragging' : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-field={field.name}
      aria-label={field.name}
    >
      <div className="field-row__bar">
        <button
          type="button"
          className="drag-handle"
          ref={setActivatorNodeRef}
          aria-label={t('dragHandle')}
          {...attributes}
          {...listeners}
        >
          ⠿
        </button>
        <strong>{field.label['zh-CN'] || field.label.en || field.name}</strong>
        <code>{field.name}</code>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          aria-label={`${t('moveUp')} ${field.name}`}
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`${t('moveDown')} ${field.name}`}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`${t('removeField')} ${field.name}`}
          onClick={onRemove}
        >
          ✕
        </button>
      </div>
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
        {(['required', 'unique', 'indexed', 'readOnly'] as const).map((flag) => (
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
      <div className="form-grid">
        {applies('min', field.type) && (
          <>
            <label>
              {t('minimum')}
              <input
                id={`${id}-min`}
                inputMode="decimal"
                value={field.min ?? ''}
                onChange={(e) => set('min', number(e.target.value))}
              />
            </label>
            <label>
              {t('maximum')}
              <input
                id={`${id}-max`}
                inputMode="decimal"
                value={field.max ?? ''}
                onChange={(e) => set('max', number(e.target.value))}
              />
            </label>
          </>
        )}
        {applies('pattern', field.type) && (
          <label>
            {t('pattern')}
            <input
              id={`${id}-pattern`}
              className="mono"
              value={field.pattern ?? ''}
              onChange={(e) => set('pattern', e.target.value)}
            />
          </label>
        )}
        {applies('target', field.type) && (
          <>
            <label>
              {t('target')}
              <select id={`${id}-target`} value={field.target ?? ''} onChange={(e) => set('target', e.target.value)}>
                <option value="" />
                {entityNames.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('onDelete')}
              <select
                id={`${id}-onDelete`}
                value={field.onDelete ?? 'setNull'}
                onChange={(e) => set('onDelete', e.target.value as Field['onDelete'])}
              >
                {(['setNull', 'restrict', 'cascade'] as const).map((o) => (
                  <option key={o} value={o}>
                    {t(`onDelete_${o}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {applies('resultType', field.type) && (
          <label>
            {t('resultType')}
            <select
              id={`${id}-resultType`}
              value={field.resultType ?? 'number'}
              onChange={(e) => set('resultType', e.target.value as Field['resultType'])}
            >
              {RESULT_TYPES.map((r) => (
                <option key={r} value={r}>
                  {t(`type_${r}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {applies('format', field.type) && (
          <label>
            {t('format')}
            <input
              id={`${id}-format`}
              className="mono"
              value={field.format ?? ''}
              onChange={(e) => set('format', e.target.value)}
            />
          </label>
        )}
      </div>
      {applies('options', field.type) && (
        <label className="block">
          {t('options')}
          <textarea
            id={`${id}-options`}
            className="mono"
            rows={3}
            value={optionText}
            onChange={(e) => {
              setOptionText(e.target.value);
              set('options', textToOptions(e.target.value));
            }}
          />
        </label>
      )}
      {applies('transitions', field.type) && (
        <label className="block">
          {t('transitions')}
          <textarea
            id={`${id}-transitions`}
            className="mono"
            rows={2}
            value={transitionText}
            onChange={(e) => {
              setTransitionText(e.target.value);
              const transitions = textToTransitions(e.target.value);
              set('transitions', Object.keys(transitions).length ? transitions : undefined);
            }}
          />
        </label>
      )}
      {applies('expression', field.type) && (
        <div className="block">
          <span className="block__label">{t('expression')}</span>
          <ExpressionEditor
            id={`${id}-expression`}
            label={`${field.name} ${t('expression')}`}
            value={field.expression ?? ''}
            fields={completionFields}
            inFormula
            problems={problemsAt('expression')}
            onChange={(v) => set('expression', v)}
          />
        </div>
      )}
      {field.type !== 'formula' && field.type !== 'autoNumber' && (
        <div className="block">
          <span className="block__label">{t('defaultExpression')}</span>
          <ExpressionEditor
            id={`${id}-defaultExpression`}
            label={`${field.name} ${t('defaultExpression')}`}
            value={field.defaultExpression ?? ''}
            fields={completionFields}
            problems={problemsAt('defaultExpression')}
            onChange={(v) => set('defaultExpression', v)}
          />
        </div>
      )}
    </li>
  );
}
