import { useTranslation } from 'react-i18next';
import type { Rule } from '../../metamodel';
import type { CompletionField } from '../expression/expression-support';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { ProblemNote } from '../ProblemNote';
import type { PublishProblem } from '../publish/usePublish';
import { newRule } from './entity-model';

/** The entity's validation rules: a condition that must hold and the message when it does not. */
export function RuleList({
  rules,
  fields,
  problems,
  onChange,
}: {
  rules: readonly Rule[];
  /** The entity's fields, for completion in the conditions. */
  fields: readonly CompletionField[];
  problems: ReadonlyMap<string, PublishProblem[]>;
  onChange: (rules: Rule[]) => void;
}) {
  const { t } = useTranslation();
  const set = (index: number, rule: Rule) => onChange(rules.map((r, i) => (i === index ? rule : r)));
  return (
    <section aria-labelledby="rules-heading">
      <h3 id="rules-heading">{t('rulesHeading')}</h3>
      <ol className="rule-list">
        {rules.map((rule, index) => {
          const id = `rule-${index}`;
          const found = problems.get(id);
          return (
            <li key={index} id={id} tabIndex={-1} className={`card${found?.length ? ' field-row--invalid' : ''}`}>
              <ProblemNote id={`${id}-problems`} problems={found} />
              <div className="form-grid">
                <label>
                  {t('fieldName')}
                  <input
                    id={`${id}-name`}
                    value={rule.name}
                    onChange={(e) => set(index, { ...rule, name: e.target.value })}
                  />
                </label>
                <label>
                  {t('ruleMessageZh')}
                  <input
                    id={`${id}-message-zh`}
                    value={rule.message['zh-CN'] ?? ''}
                    onChange={(e) => set(index, { ...rule, message: { ...rule.message, 'zh-CN': e.target.value } })}
                  />
                </label>
                <label>
                  {t('ruleMessageEn')}
                  <input
                    id={`${id}-message-en`}
                    value={rule.message.en ?? ''}
                    onChange={(e) => set(index, { ...rule, message: { ...rule.message, en: e.target.value } })}
                  />
                </label>
              </div>
              <div className="block">
                <span className="block__label">{t('ruleAssert')}</span>
                <ExpressionEditor
                  id={`${id}-assert`}
                  label={`${rule.name} ${t('ruleAssert')}`}
                  value={rule.assert}
                  fields={fields}
                  problems={found?.filter((p) => p.line)}
                  onChange={(v) => set(index, { ...rule, assert: v })}
                />
              </div>
              <button
                type="button"
                className="icon-button danger"
                aria-label={`${t('delete')} ${rule.name}`}
                onClick={() => onChange(rules.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...rules, newRule(rules.map((r) => r.name))])}
      >
        {t('addRule')}
      </button>
    </section>
  );
}
