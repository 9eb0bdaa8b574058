import { describe, expect, it } from 'vitest';
import type { Field } from '../../metamodel';
import { readSettings } from './view-settings';

const label = { 'zh-CN': 'x', en: 'x' };
const fields: Field[] = [
  { name: 'topic', type: 'text', label },
  { name: 'stage', type: 'stage', label },
];
const sizes = [20, 50, 100];

describe('readSettings', () => {
  it('keeps what still applies to the entity', () => {
    const raw = {
      columns: ['stage', 'gone', 3],
      filters: { topic: { value: '回访', extra: 1 }, gone: { value: 'x' }, stage: 'bad' },
      sort: { field: 'topic', direction: 'DESC' },
      pageSize: 50,
    };
    expect(readSettings(raw, fields, sizes)).toEqual({
      columns: ['stage'],
      filters: { topic: { value: '回访' } },
      sort: { field: 'topic', direction: 'DESC' },
      pageSize: 50,
    });
  });

  it('falls back for anything malformed', () => {
    expect(readSettings('nonsense', fields, sizes)).toEqual({ columns: [], filters: {}, pageSize: 20 });
    expect(readSettings({ sort: { field: 'gone', direction: 'ASC' }, pageSize: 7 }, fields, sizes)).toEqual({
      columns: [],
      filters: {},
      pageSize: 20,
    });
  });
});
