import { localized } from '../../app/i18n';
import { isComputed, toInputValue, valueType } from '../../fields/registry';
import type { EntityDefinition, Field } from '../../metamodel';

/**
 * Parses CSV text (RFC 4180: quoted cells may hold commas, newlines and doubled quotes; CRLF or LF;
 * a UTF-8 byte-order mark is ignored). Blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  row.push(cell);
  if (row.some((v) => v !== '')) rows.push(row);
  return rows;
}

/** Fields a CSV column can fill: every field a create accepts. */
export function importableFields(entity: EntityDefinition): Field[] {
  return entity.fields.filter((f) => !isComputed(f));
}

/** The field a header names (by API name or a label in any language, ignoring case and spaces), if any. */
export function guessField(header: string, fields: readonly Field[]): string {
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const h = norm(header);
  const hit = fields.find(
    (f) => norm(f.name) === h || Object.values(f.label).some((l) => typeof l === 'string' && norm(l) === h),
  );
  return hit?.name ?? '';
}

const YES = ['true', 'yes', 'y', '1', '是', '对'];
const NO = ['false', 'no', 'n', '0', '否', '错'];

/**
 * One cell as the API wants the field's value: lists split on commas or 、, yes/no words for
 * booleans, option labels accepted for option values; other types as the form would send them.
 * Throws FormValueError for a number or JSON the cell does not hold.
 */
export function cellValue(field: Field, cell: string): unknown {
  const text = cell.trim();
  const type = valueType(field);
  if (type === 'bool') {
    const lower = text.toLowerCase();
    return YES.includes(lower) ? true : NO.includes(lower) ? false : text === '' ? null : text;
  }
  const option = (v: string) =>
    field.options?.find((o) => o.value === v || Object.values(o.label).includes(v))?.value ?? v;
  if (type === 'multiPicklist' || type === 'tags') {
    const items = text
      .split(/[,，、;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    return type === 'tags' ? items : items.map(option);
  }
  if (type === 'picklist' || type === 'stage') {
    return text === '' ? null : option(text);
  }
  return toInputValue(field, text);
}

/** The header of the field (label in the language, API name) for the mapping pickers. */
export function fieldTitle(field: Field, locale: 'zh-CN' | 'en'): string {
  return `${localized(field.label, locale, field.name)} (${field.name})`;
}
