import type { Draft } from '../entity/useDrafts';

/** A definition as the rule designers know it: a name and, once published, a stable id. */
interface Named {
  name: string;
  id?: string;
}

/**
 * What a rule editor URL opens: `new`, a draft's key, or `published:<name>` (its pending draft, if
 * any); undefined when nothing of that kind has the key.
 */
export function resolveDefinition<T extends Named>(
  kind: string,
  key: string,
  drafts: readonly Draft[],
  published: readonly T[],
): { definition?: T; draft?: Draft } | undefined {
  if (key === 'new') return {};
  const draft = drafts.find((d) => d.key === key && d.kind === kind);
  if (draft) return { definition: draft.definition as T, draft };
  const name = key.startsWith('published:') ? key.slice('published:'.length) : key.replace(new RegExp(`^${kind}:`), '');
  const rule = published.find((r) => r.name === name || (r.id && key === `id:${r.id}`));
  if (!rule) return undefined;
  const pending = drafts.find((d) => (rule.id && d.key === `id:${rule.id}`) || d.key === `${kind}:${rule.name}`);
  return pending ? { definition: pending.definition as T, draft: pending } : { definition: rule };
}

/** A number typed in an input: undefined when empty or not a number. */
export function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isNaN(n) ? undefined : n;
}

/** Moves one item of a list (drag and drop, or the arrow buttons). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length || to < 0 || to >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}
