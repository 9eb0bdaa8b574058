import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clientAnswering, renderWithApp } from '../test-utils';
import { EntityList } from './EntityList';
import type { EntitySummary } from './entity';

const entities: EntitySummary[] = [
  {
    name: 'customer',
    label: { 'zh-CN': '客户', en: 'Customer' },
    fields: [
      { name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true },
      { name: 'email', type: 'email', label: { 'zh-CN': '邮箱', en: 'Email' }, required: false },
      { name: 'phone', type: 'phone', required: false },
    ],
  },
  { name: 'company', label: { 'zh-CN': '公司', en: 'Company' }, fields: [] },
];

const listNames = new Map([
  ['customer', 'customers'],
  ['company', 'companies'],
]);

function show(list: EntitySummary[], locale: 'zh-CN' | 'en') {
  renderWithApp(<EntityList entities={list} listNames={listNames} />, { client: clientAnswering(), locale });
}

function card(label: string): HTMLElement {
  return screen.getByRole('article', { name: label });
}

describe('EntityList', () => {
  it('shows Chinese labels, API names and field counts in zh-CN', () => {
    show(entities, 'zh-CN');

    const customer = card('客户');
    expect(within(customer).getByRole('heading').textContent).toBe('客户');
    expect(customer.querySelector('.entity-card__name')?.textContent).toBe('customer');
    expect(within(customer).getByText('字段数：3')).toBeTruthy();
    expect(within(card('公司')).getByText('字段数：0')).toBeTruthy();
  });

  it('shows English labels in en', () => {
    show(entities, 'en');

    expect(card('Customer')).toBeTruthy();
    expect(card('Company')).toBeTruthy();
    expect(screen.queryByText('客户')).toBeNull();
    expect(within(card('Customer')).getByText('Fields: 3')).toBeTruthy();
  });

  it('lists each field with its label, name and type, falling back to the name', () => {
    show(entities, 'en');

    const rows = within(card('Customer')).getAllByRole('row').slice(1);
    const cells = rows.map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
    expect(cells).toEqual([
      ['Namerequired', 'name', 'text'],
      ['Email', 'email', 'email'],
      ['phone', 'phone', 'phone'],
    ]);
  });

  it('links every entity to GraphiQL with a list query for it', () => {
    show(entities, 'en');

    const link = within(card('Company')).getByRole('link', { name: 'Query in GraphiQL' });
    const url = new URL(link.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe('/graphiql');
    expect(url.searchParams.get('query')).toContain('companies(first: 10)');
  });

  it('says so when nothing is published', () => {
    show([], 'zh-CN');

    expect(screen.getByText('还没有发布任何实体。')).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
  });
});
