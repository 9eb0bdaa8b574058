import type { RecordHistoryQuery } from '../../api/generated';
import type { Field } from '../../metamodel';

export type Change = NonNullable<RecordHistoryQuery['recordHistory']>['entries'][number];

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
 * A record's audit trail (recordHistory) as a timeline, newest first: each change's fields in the entity's
 * order (fields no longer defined last), and an owner change when the owner moved.
 */
export function timeline(changes: readonly Change[], fields: readonly Field[]): TimelineEntry[] {
  const order = new Map(fields.map((f, i) => [f.name, i]));
  return changes.map((c) => {
    const changed = c.changes
      .map(({ field, before, after }) => ({
        field,
        definition: fields.find((f) => f.name === field),
        before,
        after,
      }))
      .sort((a, b) => (order.get(a.field) ?? Infinity) - (order.get(b.field) ?? Infinity));
    const moved = (c.ownerBefore ?? null) !== (c.ownerAfter ?? null);
    return {
      position: c.id,
      at: c.at,
      operation: c.operation,
      actor: c.actor,
      source: c.path,
      fields: changed,
      ...(moved ? { owner: { before: c.ownerBefore ?? null, after: c.ownerAfter ?? null } } : {}),
    };
  });
}
