import { describe, expect, it } from 'vitest';
import { evaluateCondition, type ConditionValue } from './form-conditions';

const record: Record<string, ConditionValue> = {
  status: 'won',
  budget: 1200,
  money: '1000.50',
  email: null,
  phone: '',
  vip: true,
  tags: ['a'],
};
const valueOf = (name: string) => record[name];

describe('evaluateCondition', () => {
  it.each([
    ["status == 'won'", true],
    ['status == "won"', true],
    ["status != 'won'", false],
    ['email == null', true],
    ['phone == null', true],
    ['budget > 1000', true],
    ['budget <= 1000', false],
    ['money >= 1000.5', true],
    ["money == '1000.50'", true],
    ['email > 3', false],
    ["vip && status == 'won'", true],
    ["!vip || (budget < 10 && status == 'won')", false],
    ['!(email == null)', false],
    ['vip == true', true],
  ])('%s ⇒ %s', (expression, expected) => {
    expect(evaluateCondition(expression, valueOf)).toBe(expected);
  });

  it.each([
    ['absent', undefined],
    ['blank', '  '],
    ['a function', 'isBlank(email)'],
    ['arithmetic', 'budget + 1 > 3'],
    ['a reference path', "company.name == 'x'"],
    ['an unknown field', 'nope == 1'],
    ['not true/false', 'budget'],
    ['an unclosed string', "status == 'won"],
    ['a dangling operator', 'status =='],
    ['non-boolean operands of &&', 'budget && vip'],
  ])('is unknown (undefined) for %s', (_, expression) => {
    expect(evaluateCondition(expression, valueOf)).toBeUndefined();
  });
});
