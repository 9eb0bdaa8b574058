/**
 * Which editor owns a problem: the definition's own inputs, or one of its fields, rules, (matching)
 * criteria, or a form's sections (with their placed fields) and tabs.
 */
export type ProblemTarget =
  | { draft: number; kind: 'entity'; property?: string }
  | { draft: number; kind: 'field'; index: number; property?: string }
  | { draft: number; kind: 'rule'; index: number; property?: string }
  | { draft: number; kind: 'criterion'; index: number; property?: string }
  | { draft: number; kind: 'section'; index: number; property?: string }
  | { draft: number; kind: 'tab'; index: number; property?: string };

const ITEM_KINDS = { fields: 'field', rules: 'rule', criteria: 'criterion', sections: 'section', tabs: 'tab' } as const;

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
  const item = /^\.(fields|rules|criteria|sections|tabs)\[(\d+)\](?:\.([A-Za-z-]+))?/.exec(rest);
  if (item) {
    const kind = ITEM_KINDS[item[1] as keyof typeof ITEM_KINDS];
    return { draft, kind, index: Number(item[2]), ...(item[3] ? { property: item[3] } : {}) };
  }
  const property = /^\.([A-Za-z-]+)/.exec(rest)?.[1];
  return { draft, kind: 'entity', ...(property ? { property } : {}) };
}

/** The DOM id of the editor a target points at, for focusing and scrolling. */
export function editorId(target: ProblemTarget): string {
  switch (target.kind) {
    case 'field':
      return `field-${target.index}`;
    case 'rule':
      return `rule-${target.index}`;
    case 'criterion':
      return `criterion-${target.index}`;
    case 'section':
      return `section-${target.index}`;
    case 'tab':
      return `tab-${target.index}`;
    default:
      return 'entity-settings';
  }
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
