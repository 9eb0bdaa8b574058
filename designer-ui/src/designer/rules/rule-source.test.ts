import { describe, expect, it } from 'vitest';
import type { PoolDefinition } from '../../metamodel';
import type { Draft } from '../entity/useDrafts';
import { resolveDefinition } from '../publish/resolve-definition';
import { moveItem, numberOrUndefined } from './rule-source';

const pool: PoolDefinition = {
  kind: 'pool',
  id: 'p1',
  name: 'open',
  label: { 'zh-CN': '公海', en: 'Open' },
  entity: 'lead',
};
const draft = (key: string, kind: string, definition: unknown): Draft => ({
  key,
  kind,
  name: 'open',
  definition,
  baseVersion: 1,
  revision: 1,
  updatedAt: '',
  updatedBy: null,
});

describe('rule source', () => {
  it('opens a new definition, a draft of its kind, a published one or its pending draft', () => {
    expect(resolveDefinition('pool', 'new', [], [pool])).toEqual({});
    expect(resolveDefinition('pool', 'published:open', [], [pool])).toEqual({ definition: pool });
    const pending = draft('id:p1', 'pool', { ...pool, cooldownDays: 2 });
    expect(resolveDefinition('pool', 'published:open', [pending], [pool])?.draft).toBe(pending);
    expect(resolveDefinition('pool', 'pool:open', [], [pool])).toEqual({ definition: pool });
    expect(
      resolveDefinition('pool', 'matchingRule:x', [draft('matchingRule:x', 'matchingRule', {})], []),
    ).toBeUndefined();
  });

  it('moves items and reads numbers', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
    expect(numberOrUndefined(' ')).toBeUndefined();
    expect(numberOrUndefined('x')).toBeUndefined();
    expect(numberOrUndefined('2.5')).toBe(2.5);
  });
});
