import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../metamodel';
import {
  applies,
  defaultToText,
  indexesToText,
  takesDefault,
  textToDefault,
  move,
  optionalLabel,
  textToIndexes,
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

  it('keeps an option colour as a fourth part of its line', () => {
    const options = textToOptions('hot=热=Hot=#d33\ncold=冷=Cold');
    expect(options).toEqual([
      { value: 'hot', label: { 'zh-CN': '热', en: 'Hot' }, color: '#d33' },
      { value: 'cold', label: { 'zh-CN': '冷', en: 'Cold' } },
    ]);
    expect(optionsToText(options)).toBe('hot=热=Hot=#d33\ncold=冷=Cold');
  });

  it('edits composite indexes as lines, unique ones marked', () => {
    const indexes = textToIndexes('province, source\n\nunique： email ，phone\n , ');
    expect(indexes).toEqual([{ fields: ['province', 'source'] }, { fields: ['email', 'phone'], unique: true }]);
    expect(indexesToText(indexes)).toBe('province, source\nunique: email, phone');
    expect(textToIndexes(indexesToText(indexes))).toEqual(indexes);
  });

  it('offers the whole-number flag on number fields only, and drops it on a change of type', () => {
    expect(applies('integer', 'number')).toBe(true);
    expect(applies('integer', 'money')).toBe(false);
    expect(withType({ name: 'n', type: 'number', integer: true, label: { en: 'n' } }, 'money').integer).toBeUndefined();
  });

  it('leaves out a description empty in both languages', () => {
    expect(optionalLabel({ 'zh-CN': ' ', en: '' })).toBeUndefined();
    expect(optionalLabel({ 'zh-CN': '说明', en: '' })).toEqual({ 'zh-CN': '说明' });
  });

  it('reads a literal default as a value of the field type, text that does not fit left for the dry run', () => {
    expect(textToDefault('number', ' 42.5 ')).toBe(42.5);
    expect(textToDefault('money', 'abc')).toBe('abc');
    expect(textToDefault('bool', 'false')).toBe(false);
    expect(textToDefault('tags', 'vip，new, ')).toEqual(['vip', 'new']);
    expect(textToDefault('picklist', ' hot ')).toBe('hot');
    expect(textToDefault('text', '  ')).toBeUndefined();
    expect(defaultToText(['vip', 'new'])).toBe('vip, new');
    expect(textToDefault('multiPicklist', defaultToText(['a', 'b']))).toEqual(['a', 'b']);
    expect(defaultToText(false)).toBe('false');
    expect(takesDefault('formula') || takesDefault('reference')).toBe(false);
    expect(withType({ name: 'n', type: 'number', default: 3, label: { en: 'n' } }, 'text').default).toBeUndefined();
  });
});
