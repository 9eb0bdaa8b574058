import { FormValueError, toInputValue } from '../../fields/registry';
import type { Field } from '../../metamodel';

/** One record that saving the form would duplicate, as `duplicateCandidates` reports it. */
export interface DuplicateCandidate {
  rule: string;
  action: 'block' | 'warn' | 'link' | string;
  id: string;
  score: number;
  matched: string[];
}

/**
 * The values to check for duplicates while the user types: what the form would send, leaving out
 * values that cannot be read yet (a half-typed number); undefined when nothing is filled in.
 */
export function probeValues(
  fields: readonly Field[],
  values: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    try {
      const v = toInputValue(f, values[f.name]);
      if (v !== null && v !== false && !(Array.isArray(v) && v.length === 0)) out[f.name] = v;
    } catch (e) {
      if (!(e instanceof FormValueError)) throw e;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Reads the JSON list the server answers, keeping well-formed entries only. */
export function toCandidates(list: readonly unknown[]): DuplicateCandidate[] {
  return list.flatMap((c) => {
    if (typeof c !== 'object' || c === null) return [];
    const o = c as Record<string, unknown>;
    if (typeof o.id !== 'string') return [];
    return [
      {
        rule: String(o.rule ?? ''),
        action: String(o.action ?? 'warn'),
        id: o.id,
        score: typeof o.score === 'number' ? o.score : 0,
        matched: Array.isArray(o.matched) ? o.matched.map(String) : [],
      },
    ];
  });
}
