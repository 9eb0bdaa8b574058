import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMetadata } from '../../api/metadata';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import './rules.css';
import type { EntityDefinition, MatchingRuleDefinition } from '../../metamodel';
import { ProblemNote } from '../ProblemNote';
import { useDrafts, type Draft } from '../entity/useDrafts';
import { problemsByEditor } from '../publish/problem-path';
import { useDraftEditor } from '../publish/useDraftEditor';
import { RuleSettings } from './RuleSettings';
import { MatchingPreviewPanel } from './MatchingPreviewPanel';
import { useMatchingPreview } from './useRulePreview';
import { newCriterion, newMatchingRule, resolveRule, toSavedRule, type Criterion } from './matching-model';
import { ruleHref, useMatchingRules } from './useMatchingRules';

/** `/designer/rules/:key`: a matching rule (criteria, weights, threshold, action) edited as a server draft. */
export default function MatchingRuleEditorPage() {
  const { t } = useTranslation();
  const { key = 'new' } = useParams();
  const drafts = useDrafts();
  const rules = useMatchingRules();
  const metadata = useMetadata();
  if (drafts.isError || rules.isError || metadata.isError) {
    return <ErrorPanel error={drafts.error ?? rules.error ?? metadata.error} />;
  }
  if (!drafts.data || !rules.data || !metadata.data) return <p className="status">{t('loading')}</p>;
  const source = resolveRule(key, drafts.data, rules.data);
  const entities = metadata.data.entities;
  if (!source || entities.length === 0) return <p className="empty">{t('notFoundDraft')}</p>;
  const first = entities[0]!;
  const definition = source.definition ?? newMatchingRule(first.name, first.fields[0]?.name ?? '');
  return <RuleEditor key={key} routeKey={key} initial={definition} draft={source.draft} entities={entities} />;
}

interface RuleEditorProps {
  routeKey: string;
  initial: MatchingRuleDefinition;
  draft?: Draft;
  entities: readonly EntityDefinition[];
}

function RuleEditor({ routeKey, initial, draft, entities }: RuleEditorProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [rule, setRule] = useState<MatchingRuleDefinition>(() => structuredClone(initial));
  const editor = useDraftEditor({ routeKey, draft, hrefOf: ruleHref, listHref: '/designer/rules' });
  const preview = useMatchingPreview();
  const previewProblems = useMemo(() => problemsByEditor(preview.data?.problems ?? [], 0), [preview.data]);
  const problems = previewProblems.size > 0 ? previewProblems : editor.problems;
  const entity = entities.find((e) => e.name === rule.entity);
  const fields = entity?.fields ?? [];
  const update = (next: MatchingRuleDefinition) => {
    setRule(next);
    editor.markDirty();
  };
  const setCriterion = (i: number, c: Criterion) =>
    update({ ...rule, criteria: rule.criteria.map((x, j) => (j === i ? c : x)) as MatchingRuleDefinition['criteria'] });
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

  return (
    <div className="editor">
      {editor.toolbar(rule.label['zh-CN'] || rule.label.en || rule.name || t('newMatchingRule'), () =>
        toSavedRule(rule),
      )}
      <ProblemNote id="rule-problems" problems={problems.get('entity-settings')} />
      <RuleSettings
        value={rule}
        entities={entities}
        onChange={(next) => update(next as MatchingRuleDefinition)}
        onEntity={(name) => {
          const target = entities.find((x) => x.name === name);
          update({ ...rule, entity: name, criteria: [newCriterion(target?.fields[0]?.name ?? '')] });
        }}
      >
        <label>
          {t('ruleAction')}
          <select
            id="rule-action"
            value={rule.action ?? 'warn'}
            onChange={(e) => update({ ...rule, action: e.target.value as MatchingRuleDefinition['action'] })}
          >
            {(['block', 'warn', 'link'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`action_${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ruleImportAction')}
          <select
            id="rule-import-action"
            value={rule.importAction ?? ''}
            onChange={(e) =>
              update({ ...rule, importAction: (e.target.value || undefined) as MatchingRuleDefinition['importAction'] })
            }
          >
            <option value="" />
            {(['block', 'warn', 'link', 'skip'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`action_${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('threshold')}
          <input
            id="rule-threshold"
            inputMode="decimal"
            value={rule.threshold ?? ''}
            onChange={(e) => update({ ...rule, threshold: num(e.target.value) })}
          />
        </label>
        <label className="checks">
          <input
            type="checkbox"
            id="rule-notify"
            checked={rule.notifyOwners === true}
            onChange={(e) => update({ ...rule, notifyOwners: e.target.checked || undefined })}
          />
          {t('notifyOwners')}
        </label>
      </RuleSettings>
      <h3>{t('criteria')}</h3>
      <ol className="rule-list">
        {rule.criteria.map((c, i) => (
          <li
            key={i}
            id={`criterion-${i}`}
            className={`card form-grid${problems.get(`criterion-${i}`)?.length ? ' field-row--invalid' : ''}`}
          >
            <ProblemNote id={`criterion-${i}-problems`} problems={problems.get(`criterion-${i}`)} />
            <label>
              {t('fieldName')}
              <select
                id={`criterion-${i}-field`}
                value={c.field}
                onChange={(e) => setCriterion(i, { ...c, field: e.target.value })}
              >
                {fields.map((f) => (
                  <option key={f.name} value={f.name}>
                    {label(f.label, f.name)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('matchMode')}
              <select
                id={`criterion-${i}-match`}
                value={c.match}
                onChange={(e) => setCriterion(i, { ...c, match: e.target.value as Criterion['match'] })}
              >
                <option value="exact">{t('match_exact')}</option>
                <option value="fuzzy">{t('match_fuzzy')}</option>
              </select>
            </label>
            <label>
              {t('weight')}
              <input
                id={`criterion-${i}-weight`}
                inputMode="decimal"
                value={c.weight ?? ''}
                onChange={(e) => setCriterion(i, { ...c, weight: num(e.target.value) })}
              />
            </label>
            {c.match === 'fuzzy' && (
              <>
                <label>
                  {t('minSimilarity')}
                  <input
                    id={`criterion-${i}-min`}
                    inputMode="decimal"
                    value={c.minSimilarity ?? ''}
                    onChange={(e) => setCriterion(i, { ...c, minSimilarity: num(e.target.value) })}
                  />
                </label>
                <label>
                  {t('compareAs')}
                  <select
                    id={`criterion-${i}-compare`}
                    value={c.compareAs ?? 'text'}
                    onChange={(e) => setCriterion(i, { ...c, compareAs: e.target.value as Criterion['compareAs'] })}
                  >
                    {(['text', 'personName', 'companyName'] as const).map((m) => (
                      <option key={m} value={m}>
                        {t(`compare_${m}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
            {rule.criteria.length > 1 && (
              <button
                type="button"
                className="icon-button danger"
                aria-label={`${t('delete')} ${c.field}`}
                onClick={() =>
                  update({
                    ...rule,
                    criteria: rule.criteria.filter((_, j) => j !== i) as MatchingRuleDefinition['criteria'],
                  })
                }
              >
                ✕
              </button>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          update({
            ...rule,
            criteria: [...rule.criteria, newCriterion(fields[0]?.name ?? '')] as MatchingRuleDefinition['criteria'],
          })
        }
      >
        {t('addCriterion')}
      </button>
      <MatchingPreviewPanel
        entity={entity}
        pending={preview.isPending}
        error={preview.error}
        preview={preview.data}
        onRun={() => preview.mutate(toSavedRule(rule))}
      />
      {editor.dialog(rule.name ? `published:${rule.name}` : undefined)}
    </div>
  );
}
