import { describe, expect, it } from 'vitest';
import type { Field } from '../../metamodel';
import { timeline, type Change } from './timeline';

const fields: Field[] = [
  { name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' } },
  { name: 'phone', type: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
];
const change = (over: Partial<Change>): Change => ({
  id: '1',
  operation: 'UPDATE',
  version: 2,
  changes: [],
  ownerBefore: 'li',
  ownerAfter: 'li',
  actor: 'li',
  path: 'graphql',
  at: '2026-12-07T10:00:00Z',
  ...over,
});

describe('timeline', () => {
  it("lists each change's fields in the entity's order, unknown fields last", () => {
    const [entry] = timeline(
      [
        change({
          changes: [
            { field: 'gone', before: 1, after: 2 },
            { field: 'phone', before: null, after: '138' },
            { field: 'name', before: null, after: '张三' },
          ],
        }),
      ],
      fields,
    );
    expect(entry!.fields.map((f) => f.field)).toEqual(['name', 'phone', 'gone']);
    expect(entry!.fields[1]).toMatchObject({ before: null, after: '138', definition: fields[1] });
    expect(entry!.fields[2]!.definition).toBeUndefined();
    expect(entry!.owner).toBeUndefined();
  });

  it('shows an owner change (a claim, an assignment)', () => {
    const [entry] = timeline([change({ ownerBefore: null, ownerAfter: 'zhang', path: 'pool' })], fields);
    expect(entry!.owner).toEqual({ before: null, after: 'zhang' });
    expect(entry!.source).toBe('pool');
  });
});
