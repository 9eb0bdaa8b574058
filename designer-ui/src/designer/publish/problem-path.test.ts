import { describe, expect, it } from 'vitest';
import { editorId, problemsByEditor, problemTarget } from './problem-path';

describe('problemTarget', () => {
  it.each([
    ['$[0].fields[3]', { draft: 0, kind: 'field', index: 3 }],
    ['$[0].fields[3].label.en', { draft: 0, kind: 'field', index: 3, property: 'label' }],
    ['$[2].rules[1].assert', { draft: 2, kind: 'rule', index: 1, property: 'assert' }],
    ['$[1].name', { draft: 1, kind: 'entity', property: 'name' }],
    ['$[1].label.zh-CN', { draft: 1, kind: 'entity', property: 'label' }],
    ["$[0].fields[1].label['zh-CN']", { draft: 0, kind: 'field', index: 1, property: 'label' }],
    ['$[4]', { draft: 4, kind: 'entity' }],
    ['$[0].criteria[2].weight', { draft: 0, kind: 'criterion', index: 2, property: 'weight' }],
    ['$[0].sections[1].fields[2].requiredWhen', { draft: 0, kind: 'section', index: 1, property: 'fields' }],
    ['$[3].tabs[0].name', { draft: 3, kind: 'tab', index: 0, property: 'name' }],
    ['$[0].entries[1].strategy.weights', { draft: 0, kind: 'entry', index: 1, property: 'strategy' }],
    ['$[3].recycle[0].when', { draft: 3, kind: 'recycle', index: 0, property: 'when' }],
    ['$[0].fallback.key', { draft: 0, kind: 'entity', property: 'fallback' }],
    ['$[0].claimLimits.perDay', { draft: 0, kind: 'entity', property: 'claimLimits' }],
  ])('%s', (path, expected) => {
    expect(problemTarget(path)).toEqual(expected);
  });

  it('ignores paths outside any draft', () => {
    expect(problemTarget('$')).toBeUndefined();
    expect(problemTarget('definitions')).toBeUndefined();
  });
});

describe('problemsByEditor', () => {
  it("keeps one draft's problems, keyed by the editor that shows them", () => {
    const problems = [
      { path: '$[0].fields[1].label', code: 'A' },
      { path: '$[0].fields[1].name', code: 'B' },
      { path: '$[1].fields[0]', code: 'C' },
      { path: '$[0].rules[0].assert', code: 'D' },
      { path: '$[0].label.en', code: 'E' },
      { path: '$', code: 'F' },
    ];
    const grouped = problemsByEditor(problems, 0);
    expect([...grouped.keys()].sort()).toEqual(['entity-settings', 'field-1', 'rule-0']);
    expect(grouped.get('field-1')!.map((p) => p.code)).toEqual(['A', 'B']);
    expect(editorId({ draft: 0, kind: 'rule', index: 2 })).toBe('rule-2');
    expect(editorId({ draft: 0, kind: 'section', index: 1 })).toBe('section-1');
  });
});
