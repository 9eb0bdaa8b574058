import { FormValueError, toInputValue } from '../../fields/registry';
import type { Field } from '../../metamodel';
import type { ConditionValue } from './form-conditions';

/**
 * The values a form's conditions see, from what the editors hold: each field's API value (empty
 * text is null, numbers are numbers); a value that does not read (a half-typed number) is left out,
 * so conditions on it count as unknown.
 */
export function conditionValues(
  fields: readonly Field[],
  values: Record<string, unknown>,
): Map<string, ConditionValue> {
  const out = new Map<string, ConditionValue>();
  for (const f of fields) {
    try {
      const v = toInputValue(f, values[f.name]);
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v) || Array.isArray(v)) {
        out.set(f.name, v as ConditionValue);
      }
    } catch (e) {
      if (!(e instanceof FormValueError)) throw e;
    }
  }
  return out;
}
