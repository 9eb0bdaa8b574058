import { describe, expect, it } from 'vitest';
import { newPool, newRecycle, toSavedPool } from './pool-model';

describe('pool model', () => {
  it('starts an open pool and names new recycle conditions', () => {
    expect(newPool('lead')).toMatchObject({ kind: 'pool', entity: 'lead', teams: [], recycle: [] });
    expect(newRecycle(1)).toMatchObject({ name: 'recycle2', when: '' });
  });

  it('saves no empty lists, numbers or limits', () => {
    const saved = toSavedPool({
      ...newPool('lead'),
      name: 'p',
      cooldownDays: 0,
      checkEveryMinutes: Number.NaN,
      claimLimits: { perDay: Number.NaN, heldWhen: [{ field: 'status', op: 'eq', value: 'new' }] },
    });
    expect(saved).toEqual({ kind: 'pool', name: 'p', label: { 'zh-CN': '', en: '' }, entity: 'lead' });
  });

  it('keeps what is set; which held records count only with a cap', () => {
    const saved = toSavedPool({
      ...newPool('lead'),
      teams: ['east'],
      recycle: [{ ...newRecycle(0), when: 'daysSince(updatedAt) > 7' }],
      cooldownDays: 3,
      claimLimits: { perDay: 5, held: 20, heldWhen: [{ field: 'status', op: 'eq', value: 'new' }] },
    });
    expect(saved.teams).toEqual(['east']);
    expect(saved.cooldownDays).toBe(3);
    expect(saved.claimLimits).toEqual({ perDay: 5, held: 20, heldWhen: [{ field: 'status', op: 'eq', value: 'new' }] });
  });
});
