import { localized, type Locale } from '../../app/i18n';
import type { EntityDefinition, Field } from '../../metamodel';

/** One column of a board: an option of the grouping field (or no value) and the records in it. */
export interface BoardColumn {
  /** The option's value; null for records without one. */
  value: string | null;
  label: string;
  cards: Array<Record<string, unknown>>;
}

/** The fields a board can group by: stages and picklists, stages first. */
export function groupingFields(entity: EntityDefinition): Field[] {
  const of = (type: string) => entity.fields.filter((f) => f.type === type && (f.options?.length ?? 0) > 0);
  return [...of('stage'), ...of('picklist')];
}

/** The field a card shows as its title: the first text-like field, else none. */
export function titleField(entity: EntityDefinition): Field | undefined {
  return entity.fields.find((f) => ['text', 'email', 'phone', 'autoNumber'].includes(f.type));
}

/**
 * Records into columns in the field's option order; a column for records without a value comes
 * last and only when there are such records, and a value that is no longer an option gets its own.
 */
export function boardColumns(
  field: Field,
  records: ReadonlyArray<Record<string, unknown>>,
  locale: Locale,
  noValue: string,
): BoardColumn[] {
  const columns: BoardColumn[] = (field.options ?? []).map((o) => ({
    value: o.value,
    label: localized(o.label, locale, o.value),
    cards: [],
  }));
  const byValue = new Map(columns.map((c) => [c.value, c]));
  let none: BoardColumn | undefined;
  for (const record of records) {
    const raw = record[field.name];
    const value = raw === null || raw === undefined || raw === '' ? null : String(raw);
    if (value === null) {
      none ??= { value: null, label: noValue, cards: [] };
      none.cards.push(record);
      continue;
    }
    let column = byValue.get(value);
    if (!column) {
      column = { value, label: value, cards: [] };
      byValue.set(value, column);
      columns.push(column);
    }
    column.cards.push(record);
  }
  return none ? [...columns, none] : columns;
}

/** The droppable id of a column and back (values may be any text, so they are prefixed). */
export const columnId = (value: string | null) => (value === null ? 'none' : `value:${value}`);
export const columnValue = (id: string): string | null => (id === 'none' ? null : id.slice('value:'.length));
