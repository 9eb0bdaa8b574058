import type { AssignmentRuleDefinition } from '../../metamodel';

export type Entry = AssignmentRuleDefinition['entries'][number];
export type Target = NonNullable<Entry['target']>;
export type Strategy = NonNullable<Entry['strategy']>;
export type StrategyType = Strategy['type'];
export type Tier = NonNullable<Strategy['tiers']>[number];

export const TARGET_TYPES = ['user', 'team', 'queue', 'pool'] as const satisfies readonly Target['type'][];
export const STRATEGY_TYPES = [
  'roundRobin',
  'weighted',
  'leastLoaded',
  'fieldMap',
  'valueTier',
] as const satisfies readonly StrategyType[];

/** Strategies that pick the target from the record (the entry's own target is not used). */
export function picksTarget(type: StrategyType | undefined): boolean {
  return type === 'fieldMap' || type === 'valueTier';
}

/** Strategies that share among a team's members (they need a team target). */
export function sharesTeam(type: StrategyType | undefined): boolean {
  return type === 'roundRobin' || type === 'weighted' || type === 'leastLoaded';
}

/** An assignment rule as the editor starts it: one entry giving everything to a user still to choose. */
export function newAssignmentRule(entity: string): AssignmentRuleDefinition {
  return {
    kind: 'assignmentRule',
    name: '',
    label: { 'zh-CN': '', en: '' },
    entity,
    entries: [newEntry(0)],
  };
}

/** The n-th new entry (0-based), named so that it passes the API-name rules. */
export function newEntry(n: number): Entry {
  return {
    name: `entry${n + 1}`,
    label: { 'zh-CN': `分配 ${n + 1}`, en: `Entry ${n + 1}` },
    target: { type: 'user', key: '' },
  };
}

/** How an entry's criteria are written: structured conditions or an expression. */
export function criteriaMode(entry: Entry): 'conditions' | 'expression' {
  return entry.when !== undefined ? 'expression' : 'conditions';
}

/** The options each strategy uses; the others are dropped when saving. */
const STRATEGY_OPTIONS: Record<StrategyType, readonly (keyof Strategy)[]> = {
  roundRobin: ['skills', 'skillField'],
  weighted: ['weights', 'skills', 'skillField'],
  leastLoaded: ['workload', 'capacity', 'skills', 'skillField'],
  fieldMap: ['field', 'map', 'default'],
  valueTier: ['field', 'tiers', 'default'],
};

const filled = (t: Target | undefined): t is Target => !!t && t.key.trim() !== '';

/** A strategy with only its type's options, and none left empty. */
export function toSavedStrategy(s: Strategy): Strategy {
  const out: Record<string, unknown> = { type: s.type };
  for (const key of STRATEGY_OPTIONS[s.type]) {
    const v = s[key];
    if (v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (key === 'weights' || key === 'map') {
      const kept = Object.entries(v as Record<string, unknown>).filter(([k, x]) => k.trim() !== '' && x !== undefined);
      if (kept.length > 0) out[key] = Object.fromEntries(kept);
      continue;
    }
    if (key === 'default' && !filled(v as Target)) continue;
    out[key] = v;
  }
  return out as unknown as Strategy;
}

/** An entry without empty criteria, the target its strategy does not use, or options left at their default. */
export function toSavedEntry(e: Entry): Entry {
  const out: Entry = { ...(e.id ? { id: e.id } : {}), name: e.name, label: e.label };
  if (e.when !== undefined && e.when.trim() !== '') out.when = e.when;
  else if (e.conditions && e.conditions.length > 0) out.conditions = e.conditions;
  const strategy = e.strategy ? toSavedStrategy(e.strategy) : undefined;
  if (!picksTarget(strategy?.type) && e.target) out.target = e.target;
  if (strategy && !(sharesTeam(strategy.type) && e.target?.type !== 'team')) out.strategy = strategy;
  if (e.skipUnavailable === false) out.skipUnavailable = false;
  return out;
}

/** The rule as saved: entries cleaned, an empty fallback and default run-on settings left out. */
export function toSavedAssignmentRule(rule: AssignmentRuleDefinition): AssignmentRuleDefinition {
  const out: AssignmentRuleDefinition = {
    ...rule,
    entries: rule.entries.map(toSavedEntry) as AssignmentRuleDefinition['entries'],
  };
  if (!filled(rule.fallback)) delete out.fallback;
  const runOn = rule.runOn;
  if (runOn) {
    const cleaned = {
      ...(runOn.create === false ? { create: false } : {}),
      ...(runOn.update ? { update: true } : {}),
      ...(runOn.update && runOn.updateFields?.length ? { updateFields: runOn.updateFields } : {}),
    };
    if (Object.keys(cleaned).length === 0) delete out.runOn;
    else out.runOn = cleaned;
  }
  if (out.active !== false) delete out.active;
  return out;
}
