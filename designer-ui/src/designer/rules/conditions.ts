import type { FieldType } from '../../metamodel';

/** A structured condition as assignment rules and pools store it. */
export interface Condition {
  field: string;
  op: Op;
  value?: unknown;
}

export const OPS = ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'contains', 'isBlank', 'isNotBlank'] as const;
export type Op = (typeof OPS)[number];

const ORDERED: readonly FieldType[] = ['number', 'money', 'percent', 'date', 'datetime', 'autoNumber'];
const NUMERIC: readonly FieldType[] = ['number', 'money', 'percent'];

/** The operators that make sense for a field type. */
export function opsFor(type: FieldType | undefined): Op[] {
  if (type === 'bool') return ['eq', 'ne', 'isBlank', 'isNotBlank'];
  if (type && ORDERED.includes(type))
    return ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'isBlank', 'isNotBlank'];
  if (type === 'picklist' || type === 'stage' || type === 'user' || type === 'reference') {
    return ['eq', 'ne', 'in', 'notIn', 'isBlank', 'isNotBlank'];
  }
  return ['eq', 'ne', 'in', 'notIn', 'contains', 'isBlank', 'isNotBlank'];
}

/** Whether an operator compares with a value (blank checks do not). */
export function needsValue(op: Op): boolean {
  return op !== 'isBlank' && op !== 'isNotBlank';
}

/** A condition's value as typed in its input: lists comma-separated. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** The value typed for `op` on a field of `type`: a list for in/notIn (commas, full-width too), numbers and yes/no typed. */
export function parseValue(op: Op, text: string, type: FieldType | undefined): unknown {
  const one = (t: string): unknown => {
    const s = t.trim();
    if (type === 'bool') return s === 'true';
    if (type && NUMERIC.includes(type) && s !== '' && !Number.isNaN(Number(s))) return Number(s);
    return s;
  };
  if (op === 'in' || op === 'notIn') {
    return text
      .split(/[,，]/)
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(one);
  }
  return one(text);
}

/** A condition with the value its operator takes: none for blank checks. */
export function withOp(c: Condition, op: Op, type: FieldType | undefined): Condition {
  if (!needsValue(op)) return { field: c.field, op };
  return { field: c.field, op, value: parseValue(op, valueText(c.value), type) };
}
