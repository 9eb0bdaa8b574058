import { describe, expect, it } from 'vitest';
import type { Field, FieldType } from '../metamodel';
import {
  displayText,
  FIELD_TYPES,
  filterInput,
  FormValueError,
  isComputed,
  selection,
  specOf,
  toFormValue,
  toInputValue,
} from './registry';

const f = (type: FieldType, extra: Partial<Field> = {}): Field => ({
  name: 'x',
  type,
  label: { 'zh-CN': 'x', en: 'x' },
  ...extra,
});
const stage = f('stage', {
  options: [
    { value: 'new', label: { 'zh-CN': '新建', en: 'New' } },
    { value: 'won', label: { 'zh-CN': '赢单', en: 'Won' } },
  ],
});
const yesNo: [string, string] = ['是', '否'];

describe('FIELD_TYPES', () => {
  it('has an editor and a filter for every type of entity.schema.json', () => {
    const types: FieldType[] = [
      'text',
      'longText',
      'number',
      'money',
      'percent',
      'bool',
      'date',
      'datetime',
      'email',
      'phone',
      'url',
      'picklist',
      'multiPicklist',
      'stage',
      'reference',
      'user',
      'tags',
      'formula',
      'autoNumber',
      'json',
    ];
    expect(Object.keys(FIELD_TYPES).sort()).toEqual([...types].sort());
  });

  it('treats a formula like its result type, but never as editable', () => {
    const formula = f('formula', { resultType: 'money', expression: 'a * 2' });
    expect(specOf(formula).filter).toBe('range');
    expect(specOf(formula).editor).toBe('readOnly');
    expect(isComputed(formula)).toBe(true);
    expect(isComputed(f('autoNumber'))).toBe(true);
    expect(isComputed(f('text'))).toBe(false);
  });

  it('reads a reference as its id', () => {
    expect(selection({ name: 'company', type: 'reference' })).toBe('companyId');
    expect(selection({ name: 'name', type: 'text' })).toBe('name');
  });
});

describe('displayText', () => {
  it('shows option labels in the chosen language', () => {
    expect(displayText(stage, 'won', 'zh-CN', yesNo)).toBe('赢单');
    expect(displayText(stage, 'won', 'en', yesNo)).toBe('Won');
    expect(displayText(stage, 'lost', 'en', yesNo)).toBe('lost');
    expect(displayText({ ...stage, type: 'multiPicklist' }, ['new', 'won'], 'zh-CN', yesNo)).toBe('新建、赢单');
  });

  it('formats money, booleans and empty values', () => {
    expect(displayText(f('money'), '1234.5', 'en', yesNo)).toBe('1,234.50');
    expect(displayText(f('bool'), false, 'zh-CN', yesNo)).toBe('否');
    expect(displayText(f('percent'), 12.5, 'en', yesNo)).toBe('12.5%');
    expect(displayText(f('text'), null, 'en', yesNo)).toBe('');
  });
});

describe('form values', () => {
  it('round-trips every editable kind through the editor form', () => {
    expect(toInputValue(f('number'), toFormValue(f('number'), 42))).toBe(42);
    expect(toInputValue(f('money'), toFormValue(f('money'), '19.90'))).toBe('19.90');
    expect(toInputValue(f('bool'), toFormValue(f('bool'), null))).toBe(false);
    expect(toInputValue(f('tags'), toFormValue(f('tags'), ['a', 'b']))).toEqual(['a', 'b']);
    expect(toInputValue(f('json'), toFormValue(f('json'), { city: '杭州' }))).toEqual({ city: '杭州' });
    expect(toInputValue(f('date'), toFormValue(f('date'), '2026-05-01'))).toBe('2026-05-01');
    const iso = '2026-05-01T08:30:00.000Z';
    expect(toInputValue(f('datetime'), toFormValue(f('datetime'), iso))).toBe(iso);
  });

  it('sends empty text as null', () => {
    expect(toInputValue(f('text'), '  ')).toBeNull();
    expect(toInputValue(f('number'), '')).toBeNull();
  });

  it('refuses what is not a number or JSON, naming the field', () => {
    expect(() => toInputValue(f('number', { name: 'amount' }), '12abc')).toThrow(FormValueError);
    expect(() => toInputValue(f('money'), '1e5')).toThrow(FormValueError);
    try {
      toInputValue(f('json', { name: 'extra' }), '{oops');
    } catch (e) {
      expect((e as FormValueError).field).toBe('extra');
      expect((e as FormValueError).key).toBe('invalidJson');
    }
  });
});

describe('filterInput', () => {
  it('builds the entity filter input per filter kind', () => {
    expect(filterInput(f('text'), { value: ' 杭州 ' })).toEqual({ contains: '杭州' });
    expect(filterInput(stage, { value: 'won' })).toEqual({ eq: 'won' });
    expect(filterInput(f('bool'), { value: 'false' })).toEqual({ eq: false });
    expect(filterInput(f('tags'), { value: 'vip' })).toEqual({ containsAny: ['vip'] });
    expect(filterInput(f('number'), { from: '10', to: '' })).toEqual({ gte: 10 });
    expect(filterInput(f('money'), { from: '1', to: '9.5' })).toEqual({ gte: '1', lte: '9.5' });
    expect(filterInput(f('date'), { to: '2026-12-31' })).toEqual({ lte: '2026-12-31' });
  });

  it('leaves empty and unfilterable fields out', () => {
    expect(filterInput(f('text'), {})).toBeUndefined();
    expect(filterInput(f('bool'), { value: '' })).toBeUndefined();
    expect(filterInput(f('json'), { value: 'x' })).toBeUndefined();
  });
});
