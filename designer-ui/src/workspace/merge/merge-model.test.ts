import { describe, expect, it } from 'vitest';
import { defaultChoices, differing, fieldChoices, isBlank } from './merge-model';

const a = { id: 'a', values: { name: '张三', phone: '', email: 'a@x.cn', tags: [] } };
const b = { id: 'b', values: { name: '张三丰', phone: '138', email: null, tags: ['vip'] } };
const c = { id: 'c', values: { name: '张三', phone: '139', email: 'c@x.cn', tags: ['new'] } };
const fields = ['name', 'phone', 'email', 'tags'];

describe('merge chooser', () => {
  it("starts where the server's default is: survivor first, blanks filled in order", () => {
    expect(defaultChoices(fields, [a, b, c], 'a')).toEqual({ name: 'a', phone: 'b', email: 'a', tags: 'b' });
    expect(defaultChoices(fields, [a, b, c], 'b')).toEqual({ name: 'b', phone: 'b', email: 'a', tags: 'b' });
  });

  it('sends only the fields taken from another record', () => {
    expect(fieldChoices({ name: 'a', phone: 'c', email: 'a' }, 'a')).toEqual([{ field: 'phone', fromId: 'c' }]);
  });

  it('finds the fields that differ and knows blanks', () => {
    expect(differing(fields, [a, c])).toEqual(['phone', 'email', 'tags']);
    expect(isBlank(' ')).toBe(true);
    expect(isBlank([])).toBe(true);
    expect(isBlank(0)).toBe(false);
  });
});
