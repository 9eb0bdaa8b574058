import type { EntityDefinition } from '../metamodel';

const TITLE_TYPES = new Set(['text', 'email', 'phone', 'autoNumber', 'picklist', 'stage']);

/**
 * How a record is named where only its values (JSON) are at hand: the first filled text-like field
 * in the entity's order, else the start of its id.
 */
export function recordTitle(entity: EntityDefinition | undefined, values: unknown, id: string): string {
  const data = (values && typeof values === 'object' ? values : {}) as Record<string, unknown>;
  for (const f of entity?.fields ?? []) {
    const v = data[f.name];
    if (TITLE_TYPES.has(f.type) && typeof v === 'string' && v.trim() !== '') return v;
  }
  return id.slice(0, 8);
}
