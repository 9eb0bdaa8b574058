import type { MatchingRuleDefinition } from '../../metamodel';
import type { Draft } from '../entity/useDrafts';
import { resolveDefinition } from '../publish/resolve-definition';

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

/** What a rules editor URL opens: `new`, a draft's key, or `published:<name>` (its pending draft, if any). */
export const resolveRule = (key: string, drafts: readonly Draft[], published: readonly MatchingRuleDefinition[]) =>
  resolveDefinition('matchingRule', key, drafts, published);
