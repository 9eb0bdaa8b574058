import type { FilterState } from '../../fields/registry';
import type { Field } from '../../metamodel';

/** What a saved view keeps of a list: columns, filters, sort and page size. */
export interface ViewSettings {
  columns: string[];
  filters: Record<string, FilterState>;
  sort?: { field: string; direction: 'ASC' | 'DESC' };
  pageSize: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Reads stored settings against the entity as it is now: columns, filters and sort of fields that no
 * longer exist are dropped, an unknown page size falls back to `defaultPageSize`.
 */
export function readSettings(raw: unknown, fields: readonly Field[], pageSizes: readonly number[]): ViewSettings {
  const names = new Set(fields.map((f) => f.name));
  const s = isObject(raw) ? raw : {};
  const columns = Array.isArray(s.columns)
    ? s.columns.filter((c): c is string => typeof c === 'string' && names.has(c))
    : [];
  const filters: Record<string, FilterState> = {};
  if (isObject(s.filters)) {
    for (const [name, state] of Object.entries(s.filters)) {
      if (names.has(name) && isObject(state)) {
        const kept: FilterState = {};
        for (const key of ['value', 'from', 'to'] as const) {
          const v = text(state[key]);
          if (v !== undefined) kept[key] = v;
        }
        filters[name] = kept;
      }
    }
  }
  const sort =
    isObject(s.sort) && names.has(String(s.sort.field)) && (s.sort.direction === 'ASC' || s.sort.direction === 'DESC')
      ? { field: String(s.sort.field), direction: s.sort.direction as 'ASC' | 'DESC' }
      : undefined;
  const pageSize = typeof s.pageSize === 'number' && pageSizes.includes(s.pageSize) ? s.pageSize : pageSizes[0]!;
  return { columns, filters, ...(sort ? { sort } : {}), pageSize };
}
