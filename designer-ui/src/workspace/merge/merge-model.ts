/** A record in the merge chooser: its id and values keyed by field name. */
export interface MergeSide {
  id: string;
  values: Record<string, unknown>;
}

/** Which record's value each field takes: field name to record id. */
export type Choices = Record<string, string>;

export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * What the server does when nothing is chosen, so the chooser starts there: the survivor keeps its
 * values and fills its blank fields from the other records, the first non-blank in their order.
 */
export function defaultChoices(fields: readonly string[], sides: readonly MergeSide[], survivorId: string): Choices {
  const survivor = sides.find((s) => s.id === survivorId);
  const others = sides.filter((s) => s.id !== survivorId);
  const out: Choices = {};
  for (const f of fields) {
    const filler = isBlank(survivor?.values[f]) ? others.find((s) => !isBlank(s.values[f])) : undefined;
    out[f] = filler?.id ?? survivorId;
  }
  return out;
}

/** The choices mergeRecords needs: every field taken from a record other than the survivor. */
export function fieldChoices(choices: Choices, survivorId: string): { field: string; fromId: string }[] {
  return Object.entries(choices)
    .filter(([, id]) => id !== survivorId)
    .map(([field, fromId]) => ({ field, fromId }));
}

/** The fields whose values differ between the records (the ones worth choosing). */
export function differing(fields: readonly string[], sides: readonly MergeSide[]): string[] {
  return fields.filter((f) => new Set(sides.map((s) => JSON.stringify(s.values[f] ?? null))).size > 1);
}
