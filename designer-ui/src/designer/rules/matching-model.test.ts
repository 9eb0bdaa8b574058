import { describe, expect, it } from 'vitest';
import type { MatchingRuleDefinition } from '../../metamodel';
import type { Draft } from '../entity/useDrafts';
import { newCriterion, newMatchingRule, resolveRule, toSavedRule } from './matching-model';

const rule: MatchingRuleDefinition = {
  kind: 'matchingRule',
  id: 'm1',
  name: 'samePhone',
  label: { 'zh-CN': '电话相同', en: 'Same phone' },
  entity: 'customer',
  criteria: [{ field: 'phone', match: 'exact' }],
};
const draft = (key: string, definition: MatchingRuleDefinition): Draft => ({
  key,
  kind: 'matchingRule',
  name: definition.name,
  definition,
  baseVersion: 1,
  revision: 1,
  updatedAt: '',
  updatedBy: null,
});

describe('matching rule model', () => {
  it('starts a rule with one exact criterion', () => {
    expect(newMatchingRule('visit', 'topic')).toMatchObject({ kind: 'matchingRule', entity: 'visit', action: 'warn' });
    expect(newMatchingRule('visit', 'topic').criteria).toEqual([{ field: 'topic', match: 'exact' }]);
  });

  it('drops fuzzy-only options from exact criteria and empty numbers', () => {
    const saved = toSavedRule({
      ...rule,
      threshold: Number.NaN,
      criteria: [
        { field: 'phone', match: 'exact', minSimilarity: 0.8, compareAs: 'personName', weight: 2 },
        { ...newCriterion('name'), match: 'fuzzy', minSimilarity: 0.7, compareAs: 'personName' },
      ],
    });
    expect(saved.threshold).toBeUndefined();
    expect(saved.criteria).toEqual([
      { field: 'phone', match: 'exact', weight: 2 },
      { field: 'name', match: 'fuzzy', minSimilarity: 0.7, compareAs: 'personName' },
    ]);
  });

  it('opens a new rule, a draft, a published rule or its pending draft', () => {
    expect(resolveRule('new', [], [rule])).toEqual({});
    expect(resolveRule('published:samePhone', [], [rule])).toEqual({ definition: rule });
    const pending = draft('id:m1', { ...rule, action: 'block' });
    expect(resolveRule('published:samePhone', [pending], [rule])?.draft).toBe(pending);
    expect(resolveRule('matchingRule:gone', [], [rule])).toBeUndefined();
    expect(resolveRule('matchingRule:samePhone', [], [rule])).toEqual({ definition: rule });
  });
});
