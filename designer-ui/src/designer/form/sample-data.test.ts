import { describe, expect, it } from 'vitest';
import type { Field } from '../../metamodel';
import { sampleRecord } from './sample-data';

describe('sampleRecord', () => {
  it('gives each field a value its editor shows', () => {
    const fields = [
      { name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' } },
      { name: 'budget', type: 'money', label: { 'zh-CN': '预算', en: 'Budget' } },
      { name: 'vip', type: 'bool', label: { 'zh-CN': '大客户', en: 'VIP' } },
      { name: 'email', type: 'email', label: { 'zh-CN': '邮箱', en: 'Email' } },
      {
        name: 'status',
        type: 'picklist',
        label: { 'zh-CN': '状态', en: 'Status' },
        options: [{ value: 'new', label: { 'zh-CN': '新', en: 'New' } }],
      },
    ] as Field[];
    expect(sampleRecord(fields, (f) => f.label['zh-CN']!)).toEqual({
      name: '名称',
      budget: '42',
      vip: true,
      email: 'zhang.wei@example.com',
      status: 'new',
    });
  });
});
