import type { RecordHistoryQuery } from '../../api/generated';
import type { Field } from '../../metamodel';

export type Change = NonNullable<RecordHistoryQuery['recordHistory']>[number];

/** One field's change in a timeline entry. */
export interface FieldChange {
  field: string;
  /** The field's definition, when it still exists. */
  definition?: Field;
  before: unknown;
  after: unknown;
}

/** A timeline entry: what happened, who did it and through which path, and what changed. */
export interface TimelineEntry {
  position: string;
  at: string;
  operation: string;
  actor: string;
  source: string;
  fields: FieldChange[];
  owner?: { before: string | null; after: string | null };
}

/**
 * The change feed of a record as a timeline, newest first: each change's fields in the entity's
 * order (fields no longer defined last), and an owner change when the owner moved.
 */
export function timeline(changes: readonly Change[], fields: readonly Field[]): TimelineEntry[] {
  const order = new Map(fields.map((f, i) => [f.name, i]));
  return changes.map((c) => {
    const raw = (c.changes && typeof c.changes === 'object' ? c.changes : {}) as Record<
      string,
      { before?: unknown; after?: unknown }
    >;
    const changed = Object.entries(raw)
      .map(([field, v]) => ({
        field,
        definition: fields.find((f) => f.name === field),
        before: v?.before,
        after: v?.after,
      }))
      .sort((a, b) => (order.get(a.field) ?? Infinity) - (order.get(b.field) ?? Infinity));
    const moved = (c.ownerBefore ?? null) !== (c.ownerAfter ?? null);
    return {
      position: c.position,
      at: c.committedAt,
      operation: c.operation,
      actor: c.actor,
      source: c.source,
      fields: changed,
      ...(moved ? { owner: { before: c.ownerBefore ?? null, after: c.ownerAfter ?? null } } : {}),
    };
  });
}
