import { describe, expect, it } from 'vitest';
import type { Field } from '../../metamodel';
import { probeValues, toCandidates } from './duplicates';

const label = { 'zh-CN': 'x', en: 'x' };
const fields: Field[] = [
  { name: 'name', type: 'text', label },
  { name: 'amount', type: 'number', label },
  { name: 'vip', type: 'bool', label },
];

describe('probeValues', () => {
  it('keeps what the form would send, without blanks and half-typed numbers', () => {
    expect(probeValues(fields, { name: ' 张三 ', amount: '12a', vip: false })).toEqual({ name: '张三' });
    expect(probeValues(fields, { name: '', amount: '', vip: false })).toBeUndefined();
    expect(probeValues(fields, { name: '李', amount: '3', vip: true })).toEqual({ name: '李', amount: 3, vip: true });
  });
});

describe('toCandidates', () => {
  it('reads well-formed entries', () => {
    expect(
      toCandidates([
        { rule: 'samePhone', action: 'block', id: 'r1', score: 1, matched: ['phone'] },
        { rule: 'x' },
        null,
      ]),
    ).toEqual([{ rule: 'samePhone', action: 'block', id: 'r1', score: 1, matched: ['phone'] }]);
  });
});
