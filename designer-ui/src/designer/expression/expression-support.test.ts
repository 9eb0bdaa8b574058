import { describe, expect, it } from 'vitest';
import { completionItems, problemRange } from './expression-support';

const fields = [
  { name: 'amount', label: '金额', type: 'money' },
  { name: '', label: 'unnamed', type: 'text' },
];
const functions = [
  { name: 'len', usage: 'len(text)', description: '文本的字符数', clock: false },
  { name: 'today', usage: 'today()', description: '今天的日期', clock: true },
];

describe('completionItems', () => {
  it('offers the named fields, then the functions with their usage', () => {
    const items = completionItems(fields, functions, false);
    expect(items.map((i) => i.label)).toEqual(['amount', 'len', 'today']);
    expect(items[0]).toMatchObject({ type: 'variable', detail: '金额 · money', apply: 'amount' });
    expect(items[1]).toMatchObject({ type: 'function', detail: 'len(text)', info: '文本的字符数', apply: 'len(' });
  });

  it('leaves clock functions out of stored formulas', () => {
    expect(completionItems(fields, functions, true).map((i) => i.label)).toEqual(['amount', 'len']);
  });
});

describe('problemRange', () => {
  it('marks the identifier at the line and column', () => {
    const text = 'amount > 0 &&\n  amout < 10';
    expect(problemRange(text, 2, 3)).toEqual({ from: 16, to: 21 });
    expect(text.slice(16, 21)).toBe('amout');
  });

  it('marks one character where there is no word, and clamps positions outside the text', () => {
    expect(problemRange('a + )', 1, 5)).toEqual({ from: 4, to: 5 });
    expect(problemRange('abc', 9, 9)).toEqual({ from: 3, to: 3 });
    expect(problemRange('', 1, 1)).toEqual({ from: 0, to: 0 });
  });
});
