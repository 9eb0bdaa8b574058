/** What happened to one thing between two versions. */
export type ChangeKind = 'added' | 'removed' | 'changed';

/** A change inside a definition: one of its own properties, or one of its fields or rules. */
export interface PartChange {
  part: 'property' | 'field' | 'rule';
  name: string;
  change: ChangeKind;
  /** For a changed field or rule: which of its properties differ. */
  properties?: string[];
}

/** A definition that was added, removed or changed, with what changed inside it. */
export interface DefinitionChange {
  kind: string;
  name: string;
  change: ChangeKind;
  parts: PartChange[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A definition's identity across versions: its id (stable across renames), else kind and name. */
function identity(d: Json): string {
  return typeof d.id === 'string' ? `id:${d.id}` : `${String(d.kind)}:${String(d.name)}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Key order does not make two definitions differ. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical(v[k])]),
    );
  return v;
}

function byIdentity(items: readonly unknown[]): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const item of items) {
    if (isObject(item)) out.set(identity(item), item);
  }
  return out;
}

/** Fields or rules of two versions of a definition, matched by id, else by name. */
function diffItems(part: 'field' | 'rule', before: unknown, after: unknown): PartChange[] {
  const key = (item: Json) => (typeof item.id === 'string' ? `id:${item.id}` : `name:${String(item.name)}`);
  const index = (v: unknown) => new Map((Array.isArray(v) ? v.filter(isObject) : []).map((i) => [key(i), i]));
  const old = index(before);
  const now = index(after);
  const out: PartChange[] = [];
  for (const [k, item] of now) {
    const previous = old.get(k);
    if (!previous) {
      out.push({ part, name: String(item.name), change: 'added' });
    } else if (!same(previous, item)) {
      const properties = [...new Set([...Object.keys(previous), ...Object.keys(item)])].filter(
        (p) => !same(previous[p], item[p]),
      );
      out.push({ part, name: String(item.name), change: 'changed', properties: properties.sort() });
    }
  }
  for (const [k, item] of old) {
    if (!now.has(k)) out.push({ part, name: String(item.name), change: 'removed' });
  }
  return out;
}

/** What changed from the definitions of one version to those of another, definition by definition. */
export function diffVersions(before: readonly unknown[], after: readonly unknown[]): DefinitionChange[] {
  const old = byIdentity(before);
  const now = byIdentity(after);
  const out: DefinitionChange[] = [];
  for (const [k, def] of now) {
    const previous = old.get(k);
    const head = { kind: String(def.kind), name: String(def.name) };
    if (!previous) {
      out.push({ ...head, change: 'added', parts: [] });
      continue;
    }
    if (same(previous, def)) continue;
    const parts: PartChange[] = [];
    for (const p of [...new Set([...Object.keys(previous), ...Object.keys(def)])].sort()) {
      if (p === 'fields' || p === 'rules') {
        parts.push(...diffItems(p === 'fields' ? 'field' : 'rule', previous[p], def[p]));
      } else if (!same(previous[p], def[p])) {
        parts.push({ part: 'property', name: p, change: p in previous ? (p in def ? 'changed' : 'removed') : 'added' });
      }
    }
    out.push({ ...head, change: 'changed', parts });
  }
  for (const [, def] of old) {
    if (!now.has(identity(def)))
      out.push({ kind: String(def.kind), name: String(def.name), change: 'removed', parts: [] });
  }
  return out;
}
