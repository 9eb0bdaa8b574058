import { describe, expect, it } from 'vitest';
import { FormValueError } from '../../fields/registry';
import type { EntityDefinition } from '../../metamodel';
import { cellValue, guessField, importableFields, parseCsv } from './csv-import';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const visit: EntityDefinition = {
  kind: 'entity',
  name: 'visit',
  label: label('拜访', 'Visit'),
  fields: [
    { name: 'topic', type: 'text', label: label('主题', 'Topic') },
    {
      name: 'stage',
      type: 'stage',
      label: label('阶段', 'Stage'),
      options: [{ value: 'won', label: label('赢单', 'Won') }],
    },
    { name: 'vip', type: 'bool', label: label('重要客户', 'VIP') },
    { name: 'tags', type: 'tags', label: label('标签', 'Tags') },
    { name: 'score', type: 'number', label: label('评分', 'Score') },
    { name: 'code', type: 'autoNumber', label: label('编号', 'Code') },
  ],
};

describe('parseCsv', () => {
  it('reads quoted cells with commas, newlines and doubled quotes, CRLF and a BOM', () => {
    const text = '\ufeff主题,阶段\r\n"回访, 第一次","说 ""好""\n下次再谈"\r\n\r\n简单,won\n';
    expect(parseCsv(text)).toEqual([
      ['主题', '阶段'],
      ['回访, 第一次', '说 "好"\n下次再谈'],
      ['简单', 'won'],
    ]);
  });

  it('keeps a last line without a newline and empty cells', () => {
    expect(parseCsv('a,,c\nd,e,')).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
  });
});

describe('mapping and values', () => {
  it('guesses fields from API names or labels in either language; computed fields are not offered', () => {
    const fields = importableFields(visit);
    expect(fields.map((f) => f.name)).not.toContain('code');
    expect(['主题', ' Stage ', 'topic', 'VIP', '备注'].map((h) => guessField(h, fields))).toEqual([
      'topic',
      'stage',
      'topic',
      'vip',
      '',
    ]);
  });

  it('converts cells: option labels, yes/no words, lists, numbers', () => {
    const [topic, stage, vip, tags, score] = visit.fields;
    expect(cellValue(topic!, ' 回访 ')).toBe('回访');
    expect(cellValue(stage!, '赢单')).toBe('won');
    expect(cellValue(stage!, 'won')).toBe('won');
    expect(cellValue(vip!, '是')).toBe(true);
    expect(cellValue(vip!, 'No')).toBe(false);
    expect(cellValue(tags!, '老客户、华东, 重点')).toEqual(['老客户', '华东', '重点']);
    expect(cellValue(score!, '4.5')).toBe(4.5);
    expect(cellValue(score!, '')).toBeNull();
    expect(() => cellValue(score!, 'abc')).toThrow(FormValueError);
  });
});
