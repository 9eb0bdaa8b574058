import type { EntityDefinition, Field, FieldType, Index, Label, Option, Rule } from '../../metamodel';

/** A blank entity as the designer starts it. */
export function newEntity(): EntityDefinition {
  return { kind: 'entity', name: '', label: { 'zh-CN': '', en: '' }, fields: [] };
}

/** A new field of `type` with a name not yet taken (`field1`, `field2`, ...). */
export function newField(type: FieldType, taken: readonly string[]): Field {
  let n = taken.length + 1;
  while (taken.includes(`field${n}`)) {
    n++;
  }
  return { name: `field${n}`, type, label: { 'zh-CN': '', en: '' } };
}

/** A new validation rule with a free name. */
export function newRule(taken: readonly string[]): Rule {
  let n = taken.length + 1;
  while (taken.includes(`rule${n}`)) {
    n++;
  }
  return { name: `rule${n}`, assert: '', message: { 'zh-CN': '', en: '' } };
}

/** `list` with the item at `from` moved to `to` (both clamped), as a new array. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) {
    return out;
  }
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item as T);
  return out;
}

/** Properties that only mean something for some field types; switching type drops the others. */
const TYPE_OPTIONS: Partial<Record<keyof Field, readonly FieldType[]>> = {
  min: ['number', 'money', 'percent'],
  max: ['number', 'money', 'percent'],
  integer: ['number'],
  pattern: ['text', 'longText', 'email', 'phone', 'url'],
  options: ['picklist', 'multiPicklist', 'stage'],
  transitions: ['stage'],
  gates: ['stage'],
  target: ['reference'],
  onDelete: ['reference'],
  expression: ['formula'],
  resultType: ['formula'],
  format: ['autoNumber'],
};

/** Whether `property` applies to fields of `type` (drives which inputs the field editor shows). */
export function applies(property: keyof Field, type: FieldType): boolean {
  const types = TYPE_OPTIONS[property];
  return !types || types.includes(type);
}

/** The field with a new type: options of the old type that do not apply are removed. */
export function withType(field: Field, type: FieldType): Field {
  const out: Field = { ...field, type };
  for (const key of Object.keys(TYPE_OPTIONS) as (keyof Field)[]) {
    if (!applies(key, type)) {
      delete out[key];
    }
  }
  if (type !== field.type) {
    delete out.default; // a literal of the old type rarely fits the new one
  }
  if (type === 'formula' && !out.resultType) {
    out.resultType = 'number';
  }
  return out;
}

/**
 * The definition as it is saved: empty optional texts and lists are left out, so a field the user
 * never gave a pattern does not carry `"pattern": ""` (which the schema refuses). Labels stay even
 * when empty: the dry run then says which one is missing, at its field.
 */
export function toSaved(entity: EntityDefinition): EntityDefinition {
  const fields = entity.fields.map((f) => prune(f) as Field);
  const rules = entity.rules?.map((r) => prune(r) as Rule);
  const out = prune({ ...entity, fields }) as EntityDefinition;
  out.fields = fields;
  if (rules && rules.length > 0) {
    out.rules = rules;
  } else {
    delete out.rules;
  }
  return out;
}

const KEEP = new Set(['name', 'label', 'message', 'assert', 'fields', 'kind', 'type']);

function prune(value: object): object {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || Number.isNaN(v);
    if (!empty || KEEP.has(key)) {
      out[key] = v;
    }
  }
  return out;
}

/** Options as the designer edits them: one per line, `value=中文=English`, then `=color` when it has one. */
export function optionsToText(options: readonly Option[] | undefined): string {
  return (options ?? [])
    .map((o) => [o.value, o.label['zh-CN'] ?? '', o.label.en ?? '', ...(o.color ? [o.color] : [])].join('='))
    .join('\n');
}

/** The lines of the options editor back to options; a line with only a value uses it as both labels. */
export function textToOptions(text: string): Option[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [value = '', zh, en, color] = line.split('=').map((s) => s.trim());
      const label: Label = { 'zh-CN': zh || value, en: en || zh || value };
      return color ? { value, label, color } : { value, label };
    });
}

/** Stage transitions as the designer edits them: one line per stage, `from=to1,to2` (`won=` allows none). */
export function transitionsToText(transitions: Record<string, string[]> | undefined): string {
  return Object.entries(transitions ?? {})
    .map(([from, to]) => `${from}=${to.join(',')}`)
    .join('\n');
}

/** The transition lines back to the definition's map; a stage without a line may move anywhere. */
export function textToTransitions(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [from = '', to = ''] = line.split('=');
    if (from.trim()) {
      out[from.trim()] = to
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
    }
  }
  return out;
}

const UNIQUE = /^unique\s*[:：]\s*/i;

/** Composite indexes as the designer edits them: one per line, `field1, field2`; `unique: a, b` for a unique one. */
export function indexesToText(indexes: readonly Index[] | undefined): string {
  return (indexes ?? []).map((i) => `${i.unique ? 'unique: ' : ''}${i.fields.join(', ')}`).join('\n');
}

/** The index lines back to the definition's indexes (lines without a field are left out). */
export function textToIndexes(text: string): Index[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => {
      const unique = UNIQUE.test(line);
      const fields = line
        .replace(UNIQUE, '')
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const [first, ...rest] = fields;
      if (first === undefined) return [];
      const index: Index = { fields: [first, ...rest] };
      return [unique ? { ...index, unique } : index];
    });
}

/**
 * An optional label (a description) as saved: the languages left empty are left out (the schema wants
 * no empty text), and with none left, the label itself.
 */
export function optionalLabel(label: Label): Label | undefined {
  const kept = Object.entries(label).filter(([, v]) => v !== undefined && v.trim() !== '');
  return kept.length ? (Object.fromEntries(kept) as Label) : undefined;
}

/** Field types whose literal default is a list (entered comma-separated). */
const LIST_DEFAULTS: readonly FieldType[] = ['multiPicklist', 'tags'];
/** Field types whose literal default is a number. */
const NUMBER_DEFAULTS: readonly FieldType[] = ['number', 'money', 'percent'];

/** Whether a field of `type` may have a literal default (computed and reference fields may not). */
export function takesDefault(type: FieldType): boolean {
  return !['formula', 'autoNumber', 'reference', 'user', 'json'].includes(type);
}

/** A literal default as the designer edits it: lists comma-separated, everything else as written. */
export function defaultToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * The default's text back to a value of the field's type: a number where it reads as one, true/false,
 * a list split at commas; text that does not fit is kept as text, for the dry run to name at `.default`.
 */
export function textToDefault(type: FieldType, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (NUMBER_DEFAULTS.includes(type)) return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
  if (type === 'bool') return t === 'true' ? true : t === 'false' ? false : t;
  if (LIST_DEFAULTS.includes(type)) {
    return t
      .split(/[,，]/)
      .map((x) => x.trim())
      .filter(Boolean);
  }
  return t;
}
