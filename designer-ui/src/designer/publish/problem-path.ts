/** Which editor owns a problem: the definition's own inputs, or one of its fields, rules or (matching) criteria. */
export type ProblemTarget =
  | { draft: number; kind: 'entity'; property?: string }
  | { draft: number; kind: 'field'; index: number; property?: string }
  | { draft: number; kind: 'rule'; index: number; property?: string }
  | { draft: number; kind: 'criterion'; index: number; property?: string };

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
  const item = /^\.(fields|rules|criteria)\[(\d+)\](?:\.([A-Za-z-]+))?/.exec(rest);
  if (item) {
    const kind = item[1] === 'fields' ? 'field' : item[1] === 'rules' ? 'rule' : 'criterion';
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
