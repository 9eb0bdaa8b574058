import type { PoolDefinition } from '../../metamodel';

export type Recycle = NonNullable<PoolDefinition['recycle']>[number];
export type ClaimLimits = NonNullable<PoolDefinition['claimLimits']>;

/** A pool as the editor starts it: everyone may claim, nothing recycles yet. */
export function newPool(entity: string): PoolDefinition {
  return { kind: 'pool', name: '', label: { 'zh-CN': '', en: '' }, entity, teams: [], recycle: [] };
}

/** The n-th new recycle condition (0-based). */
export function newRecycle(n: number): Recycle {
  return { name: `recycle${n + 1}`, label: { 'zh-CN': `回收 ${n + 1}`, en: `Recycle ${n + 1}` }, when: '' };
}

const set = (n: number | undefined): n is number => n !== undefined && !Number.isNaN(n);

/** The pool as saved: no empty lists, numbers left empty dropped, no empty claim limits. */
export function toSavedPool(pool: PoolDefinition): PoolDefinition {
  const out: PoolDefinition = { ...pool };
  if (!out.teams?.length) delete out.teams;
  if (!out.recycle?.length) delete out.recycle;
  if (!set(out.checkEveryMinutes)) delete out.checkEveryMinutes;
  if (!set(out.cooldownDays) || out.cooldownDays === 0) delete out.cooldownDays;
  const limits = pool.claimLimits;
  const cleaned: ClaimLimits = {
    ...(set(limits?.perDay) ? { perDay: limits.perDay } : {}),
    ...(set(limits?.held) ? { held: limits.held } : {}),
    ...(set(limits?.held) && limits.heldWhen?.length ? { heldWhen: limits.heldWhen } : {}),
  };
  if (Object.keys(cleaned).length === 0) delete out.claimLimits;
  else out.claimLimits = cleaned;
  return out;
}
