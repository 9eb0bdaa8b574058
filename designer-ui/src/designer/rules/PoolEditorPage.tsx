import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMetadata } from '../../api/metadata';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useLocale } from '../../app/useLocale';
import './rules.css';
import type { EntityDefinition, PoolDefinition } from '../../metamodel';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { NameLabels } from '../NameLabels';
import { ProblemNote } from '../ProblemNote';
import { useDrafts, type Draft } from '../entity/useDrafts';
import { useDraftEditor } from '../publish/useDraftEditor';
import { ConditionList } from './ConditionList';
import type { Condition } from './conditions';
import { newPool, newRecycle, toSavedPool, type Recycle } from './pool-model';
import { resolveDefinition } from '../publish/resolve-definition';
import { numberOrUndefined } from './rule-source';
import { RuleSettings } from './RuleSettings';
import { poolHref, useDirectory, usePools, type Team } from './useRuleDefinitions';

/** `/designer/pools/:key`: a public pool (who may claim, recycling, caps, cool-down) edited as a server draft. */
export default function PoolEditorPage() {
  const { t } = useTranslation();
  const { key = 'new' } = useParams();
  const drafts = useDrafts();
  const pools = usePools();
  const metadata = useMetadata();
  const directory = useDirectory();
  const failed = [drafts, pools, metadata, directory].find((q) => q.isError);
  if (failed) return <ErrorPanel error={failed.error} />;
  if (!drafts.data || !pools.data || !metadata.data || !directory.data) return <p className="status">{t('loading')}</p>;
  const source = resolveDefinition('pool', key, drafts.data, pools.data);
  const entities = metadata.data.entities;
  if (!source || entities.length === 0) return <p className="empty">{t('notFoundDraft')}</p>;
  const definition = source.definition ?? newPool(entities[0]!.name);
  return (
    <PoolEditor
      key={key}
      routeKey={key}
      initial={definition}
      draft={source.draft}
      entities={entities}
      teams={directory.data.teams}
    />
  );
}

interface PoolEditorProps {
  routeKey: string;
  initial: PoolDefinition;
  draft?: Draft;
  entities: readonly EntityDefinition[];
  teams: readonly Team[];
}

function PoolEditor({ routeKey, initial, draft, entities, teams }: PoolEditorProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const [pool, setPool] = useState<PoolDefinition>(() => structuredClone(initial));
  const editor = useDraftEditor({ routeKey, draft, hrefOf: poolHref, listHref: '/designer/assignment' });
  const { problems } = editor;
  const fields = entities.find((e) => e.name === pool.entity)?.fields ?? [];
  const completionFields = useMemo(
    () => fields.map((f) => ({ name: f.name, label: label(f.label, f.name), type: f.type })),
    [fields, label],
  );
  const update = (next: PoolDefinition) => {
    setPool(next);
    editor.markDirty();
  };
  const recycle = pool.recycle ?? [];
  const setRecycle = (i: number, r: Recycle) => update({ ...pool, recycle: recycle.map((x, j) => (j === i ? r : x)) });
  const limits = pool.claimLimits ?? {};
  const chosenTeams = new Set(pool.teams ?? []);

  return (
    <div className="editor">
      {editor.toolbar(pool.label['zh-CN'] || pool.label.en || pool.name || t('newPool'), () => toSavedPool(pool))}
      <ProblemNote id="rule-problems" problems={problems.get('entity-settings')} />
      <RuleSettings
        value={pool}
        entities={entities}
        noActive
        onChange={(next) => update(next as PoolDefinition)}
        onEntity={(name) => update({ ...pool, entity: name, recycle: [], claimLimits: undefined })}
      >
        <label>
          {t('checkEveryMinutes')}
          <input
            id="pool-check-every"
            inputMode="numeric"
            value={pool.checkEveryMinutes ?? ''}
            placeholder="60"
            onChange={(e) => update({ ...pool, checkEveryMinutes: numberOrUndefined(e.target.value) })}
          />
        </label>
        <label>
          {t('cooldownDays')}
          <input
            id="pool-cooldown"
            inputMode="numeric"
            value={pool.cooldownDays ?? ''}
            onChange={(e) => update({ ...pool, cooldownDays: numberOrUndefined(e.target.value) })}
          />
        </label>
        <label>
          {t('perDay')}
          <input
            id="pool-per-day"
            inputMode="numeric"
            value={limits.perDay ?? ''}
            onChange={(e) => update({ ...pool, claimLimits: { ...limits, perDay: numberOrUndefined(e.target.value) } })}
          />
        </label>
        <label>
          {t('held')}
          <input
            id="pool-held"
            inputMode="numeric"
            value={limits.held ?? ''}
            onChange={(e) => update({ ...pool, claimLimits: { ...limits, held: numberOrUndefined(e.target.value) } })}
          />
        </label>
      </RuleSettings>
      <fieldset className="card checks" id="pool-teams">
        <legend>{t('claimTeams')}</legend>
        {teams.length === 0 && <p className="muted">{t('noTeams')}</p>}
        {teams.map((team) => (
          <label key={team.code}>
            <input
              type="checkbox"
              checked={chosenTeams.has(team.code)}
              onChange={(e) =>
                update({
                  ...pool,
                  teams: e.target.checked
                    ? [...(pool.teams ?? []), team.code]
                    : (pool.teams ?? []).filter((c) => c !== team.code),
                })
              }
            />
            {team.name} ({team.code})
          </label>
        ))}
      </fieldset>
      {limits.held !== undefined && (
        <fieldset className="card">
          <legend>{t('heldWhen')}</legend>
          <ConditionList
            id="pool-held-when"
            conditions={(limits.heldWhen ?? []) as Condition[]}
            fields={fields}
            onChange={(heldWhen) => update({ ...pool, claimLimits: { ...limits, heldWhen } })}
          />
        </fieldset>
      )}
      <h3>{t('recycleConditions')}</h3>
      <ol className="rule-list">
        {recycle.map((r, i) => (
          <li
            key={i}
            id={`recycle-${i}`}
            className={`field-row${problems.get(`recycle-${i}`)?.length ? ' field-row--invalid' : ''}`}
          >
            <div className="field-row__bar">
              <strong>{r.label['zh-CN'] || r.label.en || r.name}</strong>
              <code>{r.name}</code>
              <span className="spacer" />
              <button
                type="button"
                className="icon-button danger"
                aria-label={`${t('delete')} ${r.name}`}
                onClick={() => update({ ...pool, recycle: recycle.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
            </div>
            <ProblemNote id={`recycle-${i}-problems`} problems={problems.get(`recycle-${i}`)} />
            <div className="form-grid">
              <NameLabels
                id={`recycle-${i}`}
                name={r.name}
                label={r.label}
                onChange={(name, label) => setRecycle(i, { ...r, name, label })}
              />
            </div>
            <p className="expression-caption">{t('recycleWhen')}</p>
            <ExpressionEditor
              id={`recycle-${i}-when`}
              label={t('recycleWhen')}
              value={r.when}
              onChange={(when) => setRecycle(i, { ...r, when })}
              fields={completionFields}
              problems={problems.get(`recycle-${i}`)?.filter((p) => p.path.includes('.when'))}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => update({ ...pool, recycle: [...recycle, newRecycle(recycle.length)] })}
      >
        {t('addRecycle')}
      </button>
      {editor.dialog(pool.name ? `published:${pool.name}` : undefined)}
    </div>
  );
}
