import type { EntityDefinition } from '../metamodel';
import { titleField } from './kanban/kanban-model';

/**
 * How a record is named where only its values (JSON) are at hand: its title field (as a kanban card
 * shows it) when filled, else the start of its id.
 */
export function recordTitle(entity: EntityDefinition | undefined, values: unknown, id: string): string {
  const data = (values && typeof values === 'object' ? values : {}) as Record<string, unknown>;
  const field = entity ? titleField(entity) : undefined;
  const v = field ? data[field.name] : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v : id.slice(0, 8);
}
