import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphiqlHref, sampleListQuery, toEntitySummaries, type EntitySummary } from './entity';

describe('toEntitySummaries', () => {
  it('keeps entities with names and their fields, dropping malformed entries', () => {
    const definitions = [
      {
        kind: 'entity',
        id: 'e1',
        name: 'customer',
        label: { 'zh-CN': '客户', en: 'Customer' },
        fields: [
          { id: 'f1', name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true },
          { id: 'f2', name: 'owner', type: 'reference', target: 'user' },
          { id: 'f3' },
        ],
      },
      { kind: 'form', name: 'customerForm' },
      { kind: 'entity' },
      'not an object',
      { kind: 'entity', name: 'person', pluralName: 'people' },
    ];

    const entities = toEntitySummaries(definitions);

    expect(entities.map((e) => e.name)).toEqual(['customer', 'person']);
    expect(entities[0]!.label).toEqual({ 'zh-CN': '客户', en: 'Customer' });
    expect(entities[0]!.fields).toEqual([
      { name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true },
      { name: 'owner', type: 'reference', label: undefined, required: false },
    ]);
    expect(entities[1]!.pluralName).toBe('people');
    expect(entities[1]!.fields).toEqual([]);
  });
});

describe('sampleListQuery', () => {
  const company: EntitySummary = {
    name: 'company',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'parent', type: 'reference', required: false },
    ],
  };

  it('queries the plural list field with totalCount, id and the fields', () => {
    const query = sampleListQuery(company, 'companies', '公司：前 10 条记录');

    expect(query.startsWith('# 公司：前 10 条记录\n')).toBe(true);
    expect(query).toContain('companies(first: 10)');
    expect(query).toContain('totalCount');
    expect(query).toMatch(/node \{\s+id\s+name\s+parent \{ id \}\s+\}/);
  });

  it('is valid GraphQL syntax, even with a multi-line comment', () => {
    expect(() => parse(sampleListQuery(company, 'companies', 'line one\nline two'))).not.toThrow();
    expect(() => parse(sampleListQuery({ name: 'person', pluralName: 'people', fields: [] }, 'people'))).not.toThrow();
  });

  it('limits the sample to a readable number of fields', () => {
    const fields = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, type: 'text', required: false }));
    const query = sampleListQuery({ name: 'wide', fields }, 'wides');

    expect(query).toContain('f5');
    expect(query).not.toContain('f6');
  });
});

describe('graphiqlHref', () => {
  it('links to GraphiQL, carrying the query in ?query=', () => {
    expect(graphiqlHref()).toBe('/graphiql');
    const href = graphiqlHref('{ customers(first: 10) { totalCount } }');
    expect(href.startsWith('/graphiql?query=')).toBe(true);
    expect(new URL(href, 'http://x').searchParams.get('query')).toBe('{ customers(first: 10) { totalCount } }');
  });
});
