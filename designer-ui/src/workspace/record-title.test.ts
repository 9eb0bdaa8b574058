import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../metamodel';
import { recordTitle } from './record-title';

const entity: EntityDefinition = {
  kind: 'entity',
  name: 'lead',
  label: { 'zh-CN': '线索', en: 'Lead' },
  fields: [
    { name: 'budget', type: 'money', label: { 'zh-CN': '预算', en: 'Budget' } },
    { name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' } },
    { name: 'phone', type: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
  ],
};

describe('recordTitle', () => {
  it('uses the title field when filled, else the id', () => {
    expect(recordTitle(entity, { budget: '100', name: '张三', phone: '138' }, 'abcdef123456')).toBe('张三');
    expect(recordTitle(entity, { name: ' ', phone: '138' }, 'abcdef123456')).toBe('abcdef12');
    expect(recordTitle(entity, { budget: '100' }, 'abcdef123456')).toBe('abcdef12');
    expect(recordTitle(undefined, null, 'abcdef123456')).toBe('abcdef12');
  });
});
