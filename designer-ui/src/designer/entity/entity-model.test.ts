import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../metamodel';
import {
  applies,
  move,
  newEntity,
  newField,
  newRule,
  optionsToText,
  textToOptions,
  textToTransitions,
  toSaved,
  transitionsToText,
  withType,
} from './entity-model';

describe('entity model', () => {
  it('names new fields and rules with free names', () => {
    expect(newField('text', []).name).toBe('field1');
    expect(newField('text', ['field1', 'field2']).name).toBe('field3');
    expect(newField('text', ['field2']).name).toBe('field3');
    expect(newRule(['rule1']).name).toBe('rule2');
  });

  it('moves an item and clamps the target', () => {
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('drops options that do not apply when the type changes', () => {
    const text = { ...newField('text', []), pattern: '^a', required: true };
    const picklist = withType(text, 'picklist');
    expect(picklist.pattern).toBeUndefined();
    expect(picklist.required).toBe(true);
    expect(withType(text, 'formula').resultType).toBe('number');
    expect(applies('options', 'stage')).toBe(true);
    expect(applies('options', 'text')).toBe(false);
    expect(applies('required', 'text')).toBe(true);
  });

  it('saves without empty optional properties but keeps labels to be checked', () => {
    const entity: EntityDefinition = {
      ...newEntity(),
      name: 'visit',
      pluralName: '',
      fields: [{ name: 'topic', type: 'text', label: { 'zh-CN': '', en: '' }, pattern: '', options: [] }],
      rules: [],
    };
    expect(toSaved(entity)).toEqual({
      kind: 'entity',
      name: 'visit',
      label: { 'zh-CN': '', en: '' },
      fields: [{ name: 'topic', type: 'text', label: { 'zh-CN': '', en: '' } }],
    });
  });

  it('edits options as lines and reads them back', () => {
    const options = textToOptions('new=新建=New\n\n won = 赢单 \nlost');
    expect(options).toEqual([
      { value: 'new', label: { 'zh-CN': '新建', en: 'New' } },
      { value: 'won', label: { 'zh-CN': '赢单', en: '赢单' } },
      { value: 'lost', label: { 'zh-CN': 'lost', en: 'lost' } },
    ]);
    expect(textToOptions(optionsToText(options))).toEqual(options);
  });

  it('edits stage transitions as lines, an empty target list meaning a final stage', () => {
    const transitions = textToTransitions('new=won, lost\nwon=\n\n lost = new');
    expect(transitions).toEqual({ new: ['won', 'lost'], won: [], lost: ['new'] });
    expect(textToTransitions(transitionsToText(transitions))).toEqual(transitions);
  });
});
