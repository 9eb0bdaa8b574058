import type { Field } from '../../metamodel';
import { specOf, toFormValue } from '../../fields/registry';

/**
 * A plausible value per field for the designer's preview, in the shape the field's editor holds
 * (the registry's editor kind decides): a picklist takes its first option, a number 42, a yes/no yes.
 */
export function sampleValue(field: Field, label: string): unknown {
  const first = field.options?.[0]?.value;
  switch (specOf(field).editor) {
    case 'number':
      return '42';
    case 'checkbox':
      return true;
    case 'date':
      return '2026-03-10';
    case 'datetime':
      return toFormValue(field, '2026-03-10T02:00:00Z');
    case 'select':
      return first ?? '';
    case 'multiSelect':
    case 'tags':
      return first ? [first] : [];
    case 'reference':
    case 'json':
    case 'readOnly':
      return toFormValue(field, null);
    default:
      return field.type === 'email' ? 'zhang.wei@example.com' : field.type === 'phone' ? '13800138000' : label;
  }
}

/** Sample values of all fields, keyed by name. */
export function sampleRecord(fields: readonly Field[], labelOf: (f: Field) => string): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f, labelOf(f))]));
}
