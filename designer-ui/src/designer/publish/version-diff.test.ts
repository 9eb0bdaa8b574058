import { describe, expect, it } from 'vitest';
import { diffVersions } from './version-diff';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const customer = {
  kind: 'entity',
  id: 'e1',
  name: 'customer',
  label: label('客户', 'Customer'),
  fields: [
    { id: 'f1', name: 'name', type: 'text', label: label('名称', 'Name'), required: true },
    { id: 'f2', name: 'phone', type: 'phone', label: label('电话', 'Phone') },
  ],
};

describe('diffVersions', () => {
  it('finds nothing between equal versions, whatever the key order', () => {
    const reordered = { fields: customer.fields, name: 'customer', id: 'e1', label: customer.label, kind: 'entity' };
    expect(diffVersions([customer], [reordered])).toEqual([]);
  });

  it('reports added and removed definitions', () => {
    const pool = { kind: 'pool', id: 'p1', name: 'publicPool' };
    expect(diffVersions([customer], [pool])).toEqual([
      { kind: 'pool', name: 'publicPool', change: 'added', parts: [] },
      { kind: 'entity', name: 'customer', change: 'removed', parts: [] },
    ]);
  });

  it('reports field and property changes inside an entity, matching renamed fields by id', () => {
    const next = {
      ...customer,
      label: label('顾客', 'Client'),
      fields: [
        { id: 'f1', name: 'fullName', type: 'text', label: label('名称', 'Name'), required: true },
        { id: 'f3', name: 'email', type: 'email', label: label('邮箱', 'Email') },
      ],
      rules: [{ name: 'hasContact', assert: '!isBlank(email)', message: label('请填写', 'Fill in') }],
    };
    const [change] = diffVersions([customer], [next]);
    expect(change).toMatchObject({ kind: 'entity', name: 'customer', change: 'changed' });
    expect(change!.parts).toEqual([
      { part: 'field', name: 'fullName', change: 'changed', properties: ['name'] },
      { part: 'field', name: 'email', change: 'added' },
      { part: 'field', name: 'phone', change: 'removed' },
      { part: 'property', name: 'label', change: 'changed' },
      { part: 'rule', name: 'hasContact', change: 'added' },
    ]);
  });
});
