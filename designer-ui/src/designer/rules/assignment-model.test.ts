import { describe, expect, it } from 'vitest';
import type { AssignmentRuleDefinition } from '../../metamodel';
import {
  criteriaMode,
  newAssignmentRule,
  newEntry,
  toSavedAssignmentRule,
  toSavedEntry,
  toSavedStrategy,
} from './assignment-model';

describe('assignment rule model', () => {
  it('starts a rule with one entry for a user still to choose', () => {
    const rule = newAssignmentRule('lead');
    expect(rule).toMatchObject({ kind: 'assignmentRule', entity: 'lead' });
    expect(rule.entries).toEqual([newEntry(0)]);
    expect(newEntry(2).name).toBe('entry3');
  });

  it('keeps only the options of the chosen strategy', () => {
    expect(
      toSavedStrategy({
        type: 'weighted',
        weights: { li: 2, '': 1 },
        capacity: 5,
        field: 'province',
        skills: ['家电'],
      }),
    ).toEqual({ type: 'weighted', weights: { li: 2 }, skills: ['家电'] });
    expect(toSavedStrategy({ type: 'leastLoaded', capacity: Number.NaN, workload: [], weights: { a: 1 } })).toEqual({
      type: 'leastLoaded',
    });
    expect(
      toSavedStrategy({
        type: 'fieldMap',
        field: 'province',
        map: { 浙江: { type: 'team', key: 'east' } },
        default: { type: 'user', key: '' },
      }),
    ).toEqual({ type: 'fieldMap', field: 'province', map: { 浙江: { type: 'team', key: 'east' } } });
  });

  it('saves an entry with the criteria it uses and without a target its strategy ignores', () => {
    const base = { ...newEntry(0), target: { type: 'team' as const, key: 'sales' } };
    expect(toSavedEntry({ ...base, when: 'budget > 10', conditions: [{ field: 'a', op: 'eq', value: 1 }] })).toEqual({
      name: 'entry1',
      label: base.label,
      when: 'budget > 10',
      target: base.target,
    });
    expect(toSavedEntry({ ...base, when: '  ', conditions: [] })).toEqual({
      name: 'entry1',
      label: base.label,
      target: base.target,
    });
    const tiered = toSavedEntry({
      ...base,
      strategy: { type: 'valueTier', field: 'budget', tiers: [{ min: 0, target: base.target }] },
    });
    expect(tiered.target).toBeUndefined();
    expect(tiered.strategy?.type).toBe('valueTier');
    const user = toSavedEntry({
      ...base,
      target: { type: 'user', key: 'li' },
      strategy: { type: 'roundRobin' },
      skipUnavailable: false,
    });
    expect(user.strategy).toBeUndefined();
    expect(user.skipUnavailable).toBe(false);
  });

  it('drops an empty fallback and default run-on settings', () => {
    const rule: AssignmentRuleDefinition = {
      ...newAssignmentRule('lead'),
      name: 'r',
      active: true,
      fallback: { type: 'user', key: ' ' },
      runOn: { create: true, update: false, updateFields: ['x'] },
    };
    const saved = toSavedAssignmentRule(rule);
    expect(saved.fallback).toBeUndefined();
    expect(saved.runOn).toBeUndefined();
    expect(saved.active).toBeUndefined();
    expect(toSavedAssignmentRule({ ...rule, runOn: { update: true, updateFields: ['province'] } }).runOn).toEqual({
      update: true,
      updateFields: ['province'],
    });
  });

  it('tells conditions from an expression', () => {
    expect(criteriaMode(newEntry(0))).toBe('conditions');
    expect(criteriaMode({ ...newEntry(0), when: '' })).toBe('expression');
  });
});
