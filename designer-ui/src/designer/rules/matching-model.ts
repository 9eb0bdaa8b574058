import type { MatchingRuleDefinition } from '../../metamodel';
import type { Draft } from '../entity/useDrafts';
import { resolveDefinition } from './rule-source';

export type Criterion = MatchingRuleDefinition['criteria'][number];

/** A matching rule as the editor starts it: warn on an exact match of one field. */
export function newMatchingRule(entity: string, field: string): MatchingRuleDefinition {
  return {
    kind: 'matchingRule',
    name: '',
    label: { 'zh-CN': '', en: '' },
    entity,
    action: 'warn',
    criteria: [newCriterion(field)],
  };
}

export function newCriterion(field: string): Criterion {
  return { field, match: 'exact' };
}

/** Criteria without the options that do not apply: similarity and comparison only for fuzzy matches. */
export function toSavedRule(rule: MatchingRuleDefinition): MatchingRuleDefinition {
  const criteria = rule.criteria.map((c) => {
    const out: Criterion = { field: c.field, match: c.match };
    if (c.weight !== undefined && !Number.isNaN(c.weight)) out.weight = c.weight;
    if (c.match === 'fuzzy') {
      if (c.minSimilarity !== undefined && !Number.isNaN(c.minSimilarity)) out.minSimilarity = c.minSimilarity;
      if (c.compareAs) out.compareAs = c.compareAs;
    }
    return out;
  }) as MatchingRuleDefinition['criteria'];
  const out: MatchingRuleDefinition = { ...rule, criteria };
  if (out.threshold === undefined || Number.isNaN(out.threshold)) delete out.threshold;
  return out;
}

/** What a matching-rule editor URL opens (see {@link resolveDefinition}). */
export function resolveRule(
  key: string,
  drafts: readonly Draft[],
  published: readonly MatchingRuleDefinition[],
): { definition?: MatchingRuleDefinition; draft?: Draft } | undefined {
  return resolveDefinition('matchingRule', key, drafts, published);
}
