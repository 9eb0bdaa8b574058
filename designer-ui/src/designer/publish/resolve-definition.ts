import type { Draft } from '../entity/useDrafts';

/**
 * What a designer URL of a definition of `kind` opens: `new` (nothing yet), a draft's key, or
 * `published:<name>` (the published definition, or its pending draft when there is one).
 * Undefined when the key names nothing.
 */
export function resolveDefinition<D extends { name: string; id?: string }>(
  kind: string,
  key: string,
  drafts: readonly Draft[],
  published: readonly D[],
): { definition?: D; draft?: Draft } | undefined {
  if (key === 'new') return {};
  const draft = drafts.find((d) => d.key === key && d.kind === kind);
  if (draft) return { definition: draft.definition as D, draft };
  const name = key.startsWith('published:') ? key.slice('published:'.length) : key.replace(new RegExp(`^${kind}:`), '');
  const found = published.find((d) => d.name === name || (d.id && key === `id:${d.id}`));
  if (!found) return undefined;
  const pending = drafts.find((d) => (found.id && d.key === `id:${found.id}`) || d.key === `${kind}:${found.name}`);
  return pending ? { definition: pending.definition as D, draft: pending } : { definition: found };
}
