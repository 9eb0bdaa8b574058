import { localized, type Locale } from '../app/i18n';
import type { Field, FieldType } from '../metamodel';

/** How a value is edited; widgets.tsx has one component per kind. */
export type EditorKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'checkbox'
  | 'date'
  | 'datetime'
  | 'select'
  | 'multiSelect'
  | 'tags'
  | 'reference'
  | 'json'
  | 'readOnly';

/** How a list is filtered by the field; `none` means it cannot be. */
export type FilterKind = 'contains' | 'choice' | 'range' | 'dateRange' | 'yesNo' | 'anyOf' | 'equals' | 'none';

/** What the workspace's filter bar holds for one field. */
export interface FilterState {
  value?: string;
  from?: string;
  to?: string;
}

/** One field type: its editor, display and filter widget, and how values cross the API. */
export interface FieldTypeSpec {
  editor: EditorKind;
  filter: FilterKind;
  /** Whether lists can sort by it (the API sorts scalar fields only). */
  sortable: boolean;
  /** The HTML input type for text-like editors. */
  inputType?: 'text' | 'email' | 'tel' | 'url';
}

const text: FieldTypeSpec = { editor: 'text', filter: 'contains', sortable: true, inputType: 'text' };
const number: FieldTypeSpec = { editor: 'number', filter: 'range', sortable: true };

/**
 * The one registry of field types, shared by the entity designer's preview and the workspace. Keyed
 * by the metamodel's generated `FieldType`, so a new type in entity.schema.json is a compile error here.
 */
export const FIELD_TYPES: Record<FieldType, FieldTypeSpec> = {
  text,
  longText: { editor: 'textarea', filter: 'contains', sortable: true },
  number,
  money: number,
  percent: number,
  bool: { editor: 'checkbox', filter: 'yesNo', sortable: true },
  date: { editor: 'date', filter: 'dateRange', sortable: true },
  datetime: { editor: 'datetime', filter: 'dateRange', sortable: true },
  email: { ...text, inputType: 'email' },
  phone: { ...text, inputType: 'tel' },
  url: { ...text, inputType: 'url' },
  picklist: { editor: 'select', filter: 'choice', sortable: true },
  multiPicklist: { editor: 'multiSelect', filter: 'anyOf', sortable: false },
  stage: { editor: 'select', filter: 'choice', sortable: true },
  reference: { editor: 'reference', filter: 'equals', sortable: true },
  user: { ...text, filter: 'equals' },
  tags: { editor: 'tags', filter: 'anyOf', sortable: false },
  formula: { editor: 'readOnly', filter: 'none', sortable: true },
  autoNumber: { editor: 'readOnly', filter: 'contains', sortable: true },
  json: { editor: 'json', filter: 'none', sortable: false },
};

/** The type a field's value has: a formula's result type, else its own. */
export function valueType(field: Pick<Field, 'type' | 'resultType'>): FieldType {
  return field.type === 'formula' && field.resultType ? field.resultType : field.type;
}

/** The spec of a field; a formula filters and displays like its result, but is never edited. */
export function specOf(field: Pick<Field, 'type' | 'resultType'>): FieldTypeSpec {
  const own = FIELD_TYPES[field.type];
  if (field.type !== 'formula') {
    return own;
  }
  return { ...FIELD_TYPES[valueType(field)], editor: 'readOnly' };
}

/** Computed fields (formula, autoNumber) are not sent on create or update. */
export function isComputed(field: Pick<Field, 'type'>): boolean {
  return field.type === 'formula' || field.type === 'autoNumber';
}

/** The GraphQL selection that reads the field: a reference reads its target's id. */
export function selection(field: Pick<Field, 'name' | 'type'>): string {
  return field.type === 'reference' ? `${field.name}Id` : field.name;
}

/** The text a list cell or read-only form shows for a value. */
export function displayText(field: Field, value: unknown, locale: Locale, yesNo: [string, string]): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const type = valueType(field);
  const optionLabel = (v: string) => localized(field.options?.find((o) => o.value === v)?.label, locale, v);
  switch (type) {
    case 'bool':
      return value ? yesNo[0] : yesNo[1];
    case 'picklist':
    case 'stage':
      return optionLabel(String(value));
    case 'multiPicklist':
      return asList(value)
        .map(optionLabel)
        .join(locale === 'zh-CN' ? '、' : ', ');
    case 'tags':
      return asList(value).join(locale === 'zh-CN' ? '、' : ', ');
    case 'money':
      return formatNumber(value, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'number':
      return formatNumber(value, locale, {});
    case 'percent':
      return `${formatNumber(value, locale, {})}%`;
    case 'datetime':
      return formatDateTime(String(value), locale);
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

// Making an Intl formatter costs far more than using one: a 100-row list would make hundreds. One per
// locale and options is kept.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function formatNumber(value: unknown, locale: Locale, options: Intl.NumberFormatOptions): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? numberFormat(locale, options).format(n) : String(value);
}

function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(locale, format);
  }
  return format.format(d);
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** The value an editor starts from, given the stored value (forms hold strings, booleans and string lists). */
export function toFormValue(field: Field, value: unknown): unknown {
  const type = valueType(field);
  if (value === null || value === undefined) {
    return type === 'bool' ? false : type === 'multiPicklist' || type === 'tags' ? [] : '';
  }
  switch (type) {
    case 'json':
      return JSON.stringify(value, null, 2);
    case 'datetime':
      return toLocalInput(String(value));
    case 'number':
    case 'money':
    case 'percent':
      return String(value);
    default:
      return value;
  }
}

/** A problem found before sending: the value cannot be read as the field's type. */
export class FormValueError extends Error {
  readonly field: string;
  readonly key: 'invalidNumber' | 'invalidJson';

  constructor(field: string, key: 'invalidNumber' | 'invalidJson') {
    super(`${field}: ${key}`);
    this.field = field;
    this.key = key;
  }
}

/** The value sent to the API for what the editor holds; empty means null. */
export function toInputValue(field: Field, formValue: unknown): unknown {
  const type = valueType(field);
  if (type === 'bool') {
    return formValue === true;
  }
  if (type === 'multiPicklist' || type === 'tags') {
    return Array.isArray(formValue) ? formValue : [];
  }
  const raw = typeof formValue === 'string' ? formValue.trim() : formValue;
  if (raw === '' || raw === null || raw === undefined) {
    return null;
  }
  switch (type) {
    case 'number':
    case 'percent': {
      const n = Number(raw);
      if (!Number.isFinite(n)) {
        throw new FormValueError(field.name, 'invalidNumber');
      }
      return n;
    }
    case 'money':
      if (!/^-?\d+(\.\d+)?$/.test(String(raw))) {
        throw new FormValueError(field.name, 'invalidNumber');
      }
      return String(raw);
    case 'datetime':
      return new Date(String(raw)).toISOString();
    case 'json':
      try {
        return JSON.parse(String(raw));
      } catch {
        throw new FormValueError(field.name, 'invalidJson');
      }
    default:
      return raw;
  }
}

/** `2026-05-01T08:30:00Z` as a `datetime-local` input value in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The entity filter input for what the filter bar holds for a field, or undefined when it is empty. */
export function filterInput(field: Field, state: FilterState): Record<string, unknown> | undefined {
  const value = state.value?.trim() ?? '';
  const type = valueType(field);
  switch (specOf(field).filter) {
    case 'contains':
      return value ? { contains: value } : undefined;
    case 'choice':
    case 'equals':
      return value ? { eq: value } : undefined;
    case 'yesNo':
      return value === 'true' || value === 'false' ? { eq: value === 'true' } : undefined;
    case 'anyOf':
      return value ? { containsAny: [value] } : undefined;
    case 'range':
    case 'dateRange': {
      const bound = (v: string | undefined) => {
        const s = v?.trim() ?? '';
        if (!s) {
          return undefined;
        }
        if (type === 'datetime') {
          return new Date(s).toISOString();
        }
        return type === 'number' || type === 'percent' ? Number(s) : s;
      };
      const out: Record<string, unknown> = {};
      const from = bound(state.from);
      const to = bound(state.to);
      if (from !== undefined) out.gte = from;
      if (to !== undefined) out.lte = to;
      return Object.keys(out).length ? out : undefined;
    }
    default:
      return undefined;
  }
}
