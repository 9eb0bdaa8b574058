import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/useLocale';
import type { Field } from '../../metamodel';
import { STRATEGY_TYPES, sharesTeam, type Strategy, type Target, type Tier } from './assignment-model';
import { ConditionList } from './ConditionList';
import type { Condition } from './conditions';
import { numberOrUndefined } from './rule-source';
import { TargetPicker } from './TargetPicker';
import type { Person, Team } from './useRuleDefinitions';

export interface StrategyOptionsProps {
  id: string;
  value: Strategy | undefined;
  onChange: (strategy: Strategy | undefined) => void;
  fields: readonly Field[];
  users: readonly Person[];
  teams: readonly Team[];
  pools: readonly string[];
}

const NUMERIC = new Set(['number', 'money', 'percent']);

/** The strategy of an entry and the options of its type: weights, workload and capacity, field map, value tiers, skills. */
export function StrategyOptions({ id, value, onChange, fields, users, teams, pools }: StrategyOptionsProps) {
  const { t } = useTranslation();
  const { label } = useLocale();
  const set = (patch: Partial<Strategy>) => value && onChange({ ...value, ...patch });
  const picker = (
    pid: string,
    text: string,
    target: Target | undefined,
    change: (x: Target | undefined) => void,
    optional = false,
  ) => (
    <TargetPicker
      id={pid}
      label={text}
      value={target}
      onChange={change}
      users={users}
      teams={teams}
      pools={pools}
      optional={optional}
    />
  );
  const fieldSelect = (numericOnly: boolean) => (
    <label>
      {t('strategyField')}
      <select
        id={`${id}-field`}
        value={value?.field ?? ''}
        onChange={(e) => set({ field: e.target.value || undefined })}
      >
        <option value="">{t('choose')}</option>
        {fields
          .filter((f) => !numericOnly || NUMERIC.has(f.type))
          .map((f) => (
            <option key={f.name} value={f.name}>
              {label(f.label, f.name)}
            </option>
          ))}
      </select>
    </label>
  );
  const weights = Object.entries(value?.weights ?? {});
  const map = Object.entries(value?.map ?? {});
  const tiers: Tier[] = value?.tiers ?? [];
  return (
    <div className="strategy-options" id={id}>
      <label>
        {t('strategy')}
        <select
          id={`${id}-type`}
          value={value?.type ?? ''}
          onChange={(e) => onChange(e.target.value ? { type: e.target.value as Strategy['type'] } : undefined)}
        >
          <option value="">{t('strategy_none')}</option>
          {STRATEGY_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`strategy_${s}`)}
            </option>
          ))}
        </select>
      </label>
      {value?.type === 'weighted' && (
        <fieldset>
          <legend>{t('weights')}</legend>
          {weights.map(([user, w], i) => (
            <div className="inline-row" key={i}>
              <select
                aria-label={t('target_user')}
                id={`${id}-weight-${i}-user`}
                value={user}
                onChange={(e) =>
                  set({
                    weights: Object.fromEntries(weights.map(([u, x], j) => (j === i ? [e.target.value, x] : [u, x]))),
                  })
                }
              >
                <option value="">{t('choose')}</option>
                {users.map((u) => (
                  <option key={u.username} value={u.username}>
                    {u.name} ({u.username})
                  </option>
                ))}
              </select>
              <input
                aria-label={t('weight')}
                id={`${id}-weight-${i}`}
                inputMode="decimal"
                defaultValue={w}
                onChange={(e) =>
                  set({ weights: { ...value.weights, [user]: numberOrUndefined(e.target.value) ?? Number.NaN } })
                }
              />
            </div>
          ))}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => set({ weights: { ...value.weights, '': 1 } })}
          >
            {t('addWeight')}
          </button>
        </fieldset>
      )}
      {value?.type === 'leastLoaded' && (
        <>
          <label>
            {t('capacity')}
            <input
              id={`${id}-capacity`}
              inputMode="numeric"
              value={value.capacity ?? ''}
              onChange={(e) => set({ capacity: numberOrUndefined(e.target.value) })}
            />
          </label>
          <fieldset>
            <legend>{t('workload')}</legend>
            <ConditionList
              id={`${id}-workload`}
              conditions={(value.workload ?? []) as Condition[]}
              fields={fields}
              onChange={(workload) => set({ workload })}
            />
          </fieldset>
        </>
      )}
      {value?.type === 'fieldMap' && (
        <>
          {fieldSelect(false)}
          <fieldset>
            <legend>{t('fieldMap')}</legend>
            {map.map(([v, target], i) => (
              <div className="inline-row" key={i}>
                <label>
                  {t('whenValueIs')}
                  <input
                    id={`${id}-map-${i}-value`}
                    value={v}
                    onChange={(e) =>
                      set({ map: Object.fromEntries(map.map(([k, x], j) => (j === i ? [e.target.value, x] : [k, x]))) })
                    }
                  />
                </label>
                {picker(`${id}-map-${i}`, t('goesTo'), target, (x) =>
                  set({
                    map: Object.fromEntries(
                      map.map(([k, y], j) => (j === i ? [k, x ?? { type: 'user', key: '' }] : [k, y])),
                    ),
                  }),
                )}
              </div>
            ))}
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                set({ map: { ...value.map, [`${t('value')} ${map.length + 1}`]: { type: 'team', key: '' } } })
              }
            >
              {t('addMapping')}
            </button>
          </fieldset>
          {picker(`${id}-default`, t('defaultTarget'), value.default, (x) => set({ default: x }), true)}
        </>
      )}
      {value?.type === 'valueTier' && (
        <>
          {fieldSelect(true)}
          <fieldset>
            <legend>{t('tiers')}</legend>
            {tiers.map((tier, i) => (
              <div className="inline-row" key={i}>
                <label>
                  {t('tierMin')}
                  <input
                    id={`${id}-tier-${i}-min`}
                    inputMode="decimal"
                    defaultValue={tier.min}
                    onChange={(e) =>
                      set({
                        tiers: tiers.map((x, j) =>
                          j === i ? { ...x, min: numberOrUndefined(e.target.value) ?? Number.NaN } : x,
                        ) as Strategy['tiers'],
                      })
                    }
                  />
                </label>
                {picker(`${id}-tier-${i}`, t('goesTo'), tier.target, (x) =>
                  set({
                    tiers: tiers.map((y, j) =>
                      j === i ? { ...y, target: x ?? { type: 'user', key: '' } } : y,
                    ) as Strategy['tiers'],
                  }),
                )}
              </div>
            ))}
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                set({
                  tiers: [...tiers, { min: 0, target: { type: 'user', key: '' } }] as unknown as Strategy['tiers'],
                })
              }
            >
              {t('addTier')}
            </button>
          </fieldset>
          {picker(`${id}-default`, t('defaultTarget'), value.default, (x) => set({ default: x }), true)}
        </>
      )}
      {value && sharesTeam(value.type) && (
        <>
          <label>
            {t('skills')}
            <input
              id={`${id}-skills`}
              defaultValue={(value.skills ?? []).join(', ')}
              onChange={(e) => {
                const skills = e.target.value
                  .split(/[,，]/)
                  .map((s) => s.trim())
                  .filter(Boolean);
                set({ skills: skills.length ? (skills as Strategy['skills']) : undefined });
              }}
            />
          </label>
          <label>
            {t('skillField')}
            <select
              id={`${id}-skill-field`}
              value={value.skillField ?? ''}
              onChange={(e) => set({ skillField: e.target.value || undefined })}
            >
              <option value="" />
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {label(f.label, f.name)}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </div>
  );
}
