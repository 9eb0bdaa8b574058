/**
 * Which editor owns a problem: the definition's own inputs, or one of its fields, rules, (matching)
 * criteria, (assignment) entries, (pool) recycle conditions, or a form's sections (with their placed
 * fields) and tabs.
 */
export type ProblemTarget =
  | { draft: number; kind: 'entity'; property?: string }
  | { draft: number; kind: ItemKind; index: number; property?: string };

type ItemKind = 'field' | 'rule' | 'criterion' | 'entry' | 'recycle' | 'section' | 'tab';

/** The list property of a definition holding each kind of item. */
const ITEM_LISTS: Record<string, ItemKind> = {
  fields: 'field',
  rules: 'rule',
  criteria: 'criterion',
  entries: 'entry',
  recycle: 'recycle',
  sections: 'section',
  tabs: 'tab',
};

/**
 * Maps a problem's JSON path (`$[0].fields[3].label.en`, `$[1].rules[0].assert`, `$[2]`) to the
 * editor that owns it; undefined for a path outside any draft (`$`).
 */
export function problemTarget(path: string): ProblemTarget | undefined {
  const m = /^\$\[(\d+)\](.*)$/.exec(path.trim());
  if (!m) {
    return undefined;
  }
  const draft = Number(m[1]);
  const rest = m[2] ?? '';
  const item = /^\.(fields|rules|criteria|entries|recycle|sections|tabs)\[(\d+)\](?:\.([A-Za-z-]+))?/.exec(rest);
  if (item) {
    return { draft, kind: ITEM_LISTS[item[1]!]!, index: Number(item[2]), ...(item[3] ? { property: item[3] } : {}) };
  }
  const property = /^\.([A-Za-z-]+)/.exec(rest)?.[1];
  return { draft, kind: 'entity', ...(property ? { property } : {}) };
}

/** The DOM id of the editor a target points at, for focusing and scrolling. */
export function editorId(target: ProblemTarget): string {
  return target.kind === 'entity' ? 'entity-settings' : `${target.kind}-${target.index}`;
}

/** Problems of draft `draft`, grouped by the id of the editor that shows them. */
export function problemsByEditor<P extends { path: string }>(problems: readonly P[], draft: number): Map<string, P[]> {
  const out = new Map<string, P[]>();
  for (const p of problems) {
    const target = problemTarget(p.path);
    if (target && target.draft === draft) {
      const id = editorId(target);
      out.set(id, [...(out.get(id) ?? []), p]);
    }
  }
  return out;
}
