import { describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../metamodel';
import { boardColumns, columnId, columnValue, groupingFields, titleField } from './kanban-model';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const visit: EntityDefinition = {
  kind: 'entity',
  name: 'visit',
  label: label('拜访', 'Visit'),
  fields: [
    { name: 'topic', type: 'text', label: label('主题', 'Topic') },
    {
      name: 'channel',
      type: 'picklist',
      label: label('渠道', 'Channel'),
      options: [{ value: 'phone', label: label('电话', 'Phone') }],
    },
    { name: 'empty', type: 'picklist', label: label('空', 'Empty') },
    {
      name: 'stage',
      type: 'stage',
      label: label('阶段', 'Stage'),
      options: [
        { value: 'new', label: label('新建', 'New') },
        { value: 'won', label: label('赢单', 'Won') },
      ],
    },
  ],
};

describe('kanban model', () => {
  it('groups by stages first, then picklists with options', () => {
    expect(groupingFields(visit).map((f) => f.name)).toEqual(['stage', 'channel']);
    expect(titleField(visit)?.name).toBe('topic');
  });

  it('puts records in option order, with columns for no value and for stale values', () => {
    const stage = groupingFields(visit)[0]!;
    const records = [
      { id: '1', stage: 'won' },
      { id: '2', stage: null },
      { id: '3', stage: 'lost' },
      { id: '4', stage: 'won' },
    ];
    const columns = boardColumns(stage, records, 'zh-CN', '（未设置）');
    expect(columns.map((c) => [c.value, c.label, c.cards.map((r) => r.id)])).toEqual([
      ['new', '新建', []],
      ['won', '赢单', ['1', '4']],
      ['lost', 'lost', ['3']],
      [null, '（未设置）', ['2']],
    ]);
    expect(boardColumns(stage, [], 'en', '(none)').map((c) => c.label)).toEqual(['New', 'Won']);
  });

  it('round-trips column ids, including values with colons', () => {
    for (const v of ['won', 'a:b', null]) {
      expect(columnValue(columnId(v))).toBe(v);
    }
  });
});
