import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { GraphQLRequestError } from '../api/graphql';
import { METADATA } from '../api/operations';
import { Layout } from '../app/Layout';
import { clientAnswering, renderWithApp } from '../test-utils';
import { HomePage } from './HomePage';
import { Route, Routes } from 'react-router';

const metadata = {
  metadataVersion: 3,
  definitions: [{ kind: 'entity', name: 'customer', label: { 'zh-CN': '客户', en: 'Customer' }, fields: [] }],
  entityApis: [{ entity: 'customer', list: 'customerList' }],
};

function home() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
      </Route>
    </Routes>
  );
}

describe('HomePage', () => {
  it('loads the entities and the metadata version', async () => {
    const client = clientAnswering(async () => metadata);

    renderWithApp(home(), { client, locale: 'zh-CN' });

    expect(screen.getByRole('status').textContent).toBe('正在加载…');
    expect((await screen.findByRole('article')).getAttribute('aria-label')).toBe('客户');
    expect(screen.getByTestId('metadata-version').textContent).toBe('元数据版本 3');
    expect(vi.mocked(client.request).mock.calls.map(([query]) => query)).toContain(METADATA);
  });

  it('samples the list query the server names, not a plural the UI guesses', async () => {
    renderWithApp(home(), { client: clientAnswering(async () => metadata), locale: 'en' });

    const link = await screen.findByRole('link', { name: 'Query in GraphiQL' });
    expect(new URL(link.getAttribute('href')!, 'http://x').searchParams.get('query')).toContain(
      'customerList(first: 10)',
    );
  });

  it('explains a connection failure and retries on request', async () => {
    const client = clientAnswering(
      async () => {
        throw new GraphQLRequestError('network', 'Failed to fetch');
      },
      async () => metadata,
    );

    renderWithApp(home(), { client, locale: 'en' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Cannot reach the server');
    expect(alert.textContent).toContain('Failed to fetch');

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await screen.findByRole('article')).getAttribute('aria-label')).toBe('Customer');
  });

  it('tells a server error apart from an unreachable server', async () => {
    const client = clientAnswering(async () => {
      throw new GraphQLRequestError('graphql', 'Validation error: definitions');
    });

    renderWithApp(home(), { client, locale: 'en' });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server returned an error');
    expect(alert.textContent).toContain('Validation error: definitions');
  });

  it('switches the language of the texts and of the metadata labels', async () => {
    renderWithApp(home(), { client: clientAnswering(async () => metadata), locale: 'zh-CN' });
    expect((await screen.findByRole('article')).getAttribute('aria-label')).toBe('客户');

    fireEvent.click(screen.getByRole('button', { name: 'English' }));

    expect((await screen.findByRole('article')).getAttribute('aria-label')).toBe('Customer');
    expect(screen.getByRole('link', { name: 'Open GraphiQL' }).getAttribute('href')).toBe('/graphiql');
    expect(document.documentElement.lang).toBe('en');
  });
});
