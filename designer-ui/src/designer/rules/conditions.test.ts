import { describe, expect, it } from 'vitest';
import { needsValue, opsFor, parseValue, valueText, withOp } from './conditions';

describe('condition builder', () => {
  it('offers the operators a field type supports', () => {
    expect(opsFor('bool')).toEqual(['eq', 'ne', 'isBlank', 'isNotBlank']);
    expect(opsFor('money')).toContain('gte');
    expect(opsFor('money')).not.toContain('contains');
    expect(opsFor('text')).toContain('contains');
    expect(opsFor('picklist')).not.toContain('gt');
  });

  it('reads typed values: lists by commas (full-width too), numbers, yes/no', () => {
    expect(parseValue('in', '浙江，四川, ', 'text')).toEqual(['浙江', '四川']);
    expect(parseValue('gte', '1000', 'money')).toBe(1000);
    expect(parseValue('in', '1, 2', 'number')).toEqual([1, 2]);
    expect(parseValue('eq', 'true', 'bool')).toBe(true);
    expect(parseValue('eq', ' abc ', 'text')).toBe('abc');
    expect(valueText(['a', 'b'])).toBe('a, b');
    expect(valueText(undefined)).toBe('');
  });

  it('changes the operator and keeps the value it takes', () => {
    expect(needsValue('isBlank')).toBe(false);
    expect(withOp({ field: 'p', op: 'eq', value: '浙江' }, 'in', 'text')).toEqual({
      field: 'p',
      op: 'in',
      value: ['浙江'],
    });
    expect(withOp({ field: 'p', op: 'in', value: ['a'] }, 'isBlank', 'text')).toEqual({ field: 'p', op: 'isBlank' });
  });
});
