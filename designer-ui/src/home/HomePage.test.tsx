import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { GraphQLRequestError, type GraphQLClient } from '../api/graphql';
import { HomePage } from './HomePage';
import { METADATA_QUERY } from './useMetadata';

const definitions = [
  { kind: 'entity', name: 'customer', label: { 'zh-CN': '客户', en: 'Customer' }, fields: [] },
];

function clientAnswering(...answers: Array<() => Promise<unknown>>): GraphQLClient {
  const request = vi.fn();
  for (const answer of answers) {
    request.mockImplementationOnce(answer);
  }
  return { request } as GraphQLClient;
}

describe('HomePage', () => {
  it('loads the entities and the metadata version', async () => {
    const client = clientAnswering(async () => ({ metadataVersion: 3, definitions }));

    render(<HomePage client={client} locale="zh-CN" onLocaleChange={() => {}} />);

    expect(screen.getByRole('status').textContent).toBe('正在加载…');
    expect((await screen.findByRole('article')).getAttribute('aria-label')).toBe('客户');
    expect(screen.getByTestId('metadata-version').textContent).toBe('元数据版本 3');
    expect(vi.mocked(client.request).mock.calls[0]![0]).toBe(METADATA_QUERY);
  });

  it('explains a connection failure and retries on request', async () => {
    const client = clientAnswering(
      async () => {
        throw new GraphQLRequestError('network', 'Failed to fetch');
      },
      async () => ({ metadataVersion: 1, definitions }),
    );

    render(<HomePage client={client} locale="en" onLocaleChange={() => {}} />);

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

    render(<HomePage client={client} locale="en" onLocaleChange={() => {}} />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The server returned an error');
    expect(alert.textContent).toContain('Validation error: definitions');
  });

  it('reports the chosen language through the switch', () => {
    const onLocaleChange = vi.fn();
    const client = clientAnswering(() => new Promise(() => {}));

    render(<HomePage client={client} locale="zh-CN" onLocaleChange={onLocaleChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));

    expect(onLocaleChange).toHaveBeenCalledWith('en');
    expect(screen.getByRole('link', { name: '打开 GraphiQL' }).getAttribute('href')).toBe('/graphiql');
  });
});
