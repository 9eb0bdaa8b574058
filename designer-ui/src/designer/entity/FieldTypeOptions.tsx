import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Field } from '../../metamodel';
import type { CompletionField } from '../expression/expression-support';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { problemTarget } from '../publish/problem-path';
import type { PublishProblem } from '../publish/usePublish';
import {
  applies,
  defaultToText,
  optionalLabel,
  optionsToText,
  takesDefault,
  textToDefault,
  textToOptions,
  textToTransitions,
  transitionsToText,
} from './entity-model';

const RESULT_TYPES = ['text', 'number', 'money', 'percent', 'bool', 'date', 'datetime'] as const;

interface FieldTypeOptionsProps {
  /** The field row's id; inputs are `<id>-<option>`. */
  id: string;
  field: Field;
  entityNames: readonly string[];
  completionFields: readonly CompletionField[];
  problems?: readonly PublishProblem[];
  onChange: (field: Field) => void;
}

/** The options only some field types have: bounds, pattern, target, options, transitions, formula, default. */
export function FieldTypeOptions({
  id,
  field,
  entityNames,
  completionFields,
  problems,
  onChange,
}: FieldTypeOptionsProps) {
  const { t } = useTranslation();
  const set = <K extends keyof Field>(key: K, value: Field[K]) => onChange({ ...field, [key]: value });
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const problemsAt = (property: string) => problems?.filter((p) => problemTarget(p.path)?.property === property);
  const [optionText, setOptionText] = useState(() => optionsToText(field.options));
  const [transitionText, setTransitionText] = useState(() => transitionsToText(field.transitions));
  const [defaultText, setDefaultText] = useState(() => defaultToText(field.default));
  return (
    <>
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
      <div className="form-grid">
        {takesDefault(field.type) && (
          <label>
            {t('defaultValue')}
            <input
              id={`${id}-default`}
              value={defaultText}
              placeholder={field.type === 'bool' ? 'true / false' : undefined}
              onChange={(e) => {
                setDefaultText(e.target.value);
                set('default', textToDefault(field.type, e.target.value));
              }}
            />
          </label>
        )}
        {(['zh-CN', 'en'] as const).map((lang) => (
          <label key={lang}>
            {t(lang === 'zh-CN' ? 'descriptionZh' : 'descriptionEn')}
            <input
              id={`${id}-description-${lang === 'zh-CN' ? 'zh' : 'en'}`}
              value={field.description?.[lang] ?? ''}
              onChange={(e) => set('description', optionalLabel({ ...field.description, [lang]: e.target.value }))}
            />
          </label>
        ))}
      </div>
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
    </>
  );
}
