import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../metamodel';
import { resolveSource } from './source';
import type { Draft } from './useDrafts';

const customer: EntityDefinition = {
  kind: 'entity',
  id: 'e1',
  name: 'customer',
  label: { 'zh-CN': '客户', en: 'Customer' },
  fields: [],
};
const draft = (key: string, definition: EntityDefinition): Draft => ({
  key,
  kind: 'entity',
  name: definition.name,
  definition,
  baseVersion: 1,
  revision: 2,
  updatedAt: '',
  updatedBy: null,
});

describe('resolveSource', () => {
  it('opens a blank entity, a draft, or a published entity', () => {
    expect(resolveSource('new', [], [customer])?.definition.name).toBe('');
    const visit = draft('entity:visit', { ...customer, id: undefined, name: 'visit' });
    expect(resolveSource('entity:visit', [visit], [customer])?.draft).toBe(visit);
    expect(resolveSource('published:customer', [visit], [customer])).toEqual({ definition: customer });
  });

  it("opens a published entity's pending draft instead of the published version", () => {
    const pending = draft('id:e1', { ...customer, label: { 'zh-CN': '顾客', en: 'Client' } });
    const source = resolveSource('published:customer', [pending], [customer]);
    expect(source?.draft).toBe(pending);
    expect(source?.definition.label.en).toBe('Client');
  });

  it('opens what was published from a draft that is gone', () => {
    expect(resolveSource('entity:customer', [], [customer])).toEqual({ definition: customer });
    expect(resolveSource('id:e1', [], [customer])).toEqual({ definition: customer });
  });

  it('finds nothing for an unknown key', () => {
    expect(resolveSource('published:nobody', [], [customer])).toBeUndefined();
    expect(resolveSource('entity:gone', [], [customer])).toBeUndefined();
  });
});
