import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient, GraphQLRequestError, type FetchLike } from './graphql';

function respond(status: number, body: unknown, statusText = ''): FetchLike {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn<FetchLike>(async () => new Response(text, { status, statusText }));
}

async function failure(promise: Promise<unknown>): Promise<GraphQLRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLRequestError);
  return error as GraphQLRequestError;
}

describe('createGraphQLClient', () => {
  it('POSTs the query and variables as JSON to the endpoint', async () => {
    const fetch = respond(200, { data: { ok: true } });
    const client = createGraphQLClient({ url: '/graphql', fetch });

    await client.request('query Q($n: Int) { customers(first: $n) { totalCount } }', { n: 3 });

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({
      query: 'query Q($n: Int) { customers(first: $n) { totalCount } }',
      variables: { n: 3 },
    });
  });

  it('leaves variables out of the body when there are none', async () => {
    const fetch = respond(200, { data: { metadataVersion: 1 } });

    await createGraphQLClient({ fetch }).request('{ metadataVersion }');

    const init = vi.mocked(fetch).mock.calls[0]![1];
    expect(JSON.parse(init.body as string)).toEqual({ query: '{ metadataVersion }' });
  });

  it('returns the data of a successful response', async () => {
    const client = createGraphQLClient({ fetch: respond(200, { data: { metadataVersion: 7 } }) });

    await expect(client.request('{ metadataVersion }')).resolves.toEqual({ metadataVersion: 7 });
  });

  it('rejects with every message of an errors array, even when data is present', async () => {
    const errors = [{ message: 'Field "x" is undefined', path: ['x'] }, { message: 'second problem' }];
    const client = createGraphQLClient({ fetch: respond(200, { data: null, errors }) });

    const error = await failure(client.request('{ x }'));

    expect(error.kind).toBe('graphql');
    expect(error.message).toBe('Field "x" is undefined; second problem');
    expect(error.errors).toHaveLength(2);
    expect(error.errors[0]!.path).toEqual(['x']);
  });

  it('reports HTTP failures with their status and body', async () => {
    const client = createGraphQLClient({ fetch: respond(503, 'backend restarting', 'Service Unavailable') });

    const error = await failure(client.request('{ metadataVersion }'));

    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.message).toBe('HTTP 503 Service Unavailable: backend restarting');
  });

  it('keeps GraphQL error messages of a non-2xx response', async () => {
    const client = createGraphQLClient({ fetch: respond(400, { errors: [{ message: 'Syntax Error' }] }) });

    const error = await failure(client.request('{'));

    expect(error.kind).toBe('http');
    expect(error.status).toBe(400);
    expect(error.message).toBe('Syntax Error');
  });

  it('rejects a 200 response that is not a GraphQL result', async () => {
    const client = createGraphQLClient({ fetch: respond(200, '<html>index</html>') });

    const error = await failure(client.request('{ metadataVersion }'));

    expect(error.kind).toBe('http');
    expect(error.message).toContain('no "data"');
  });

  it('reports a network failure when fetch itself throws', async () => {
    const fetch = vi.fn<FetchLike>(async () => {
      throw new TypeError('Failed to fetch');
    });

    const error = await failure(createGraphQLClient({ fetch }).request('{ metadataVersion }'));

    expect(error.kind).toBe('network');
    expect(error.message).toBe('Failed to fetch');
  });

  it('passes an abort through untouched', async () => {
    const controller = new AbortController();
    const abort = new DOMException('aborted', 'AbortError');
    const fetch = vi.fn<FetchLike>(async () => {
      controller.abort();
      throw abort;
    });

    await expect(createGraphQLClient({ fetch }).request('{ a }', undefined, controller.signal)).rejects.toBe(abort);
  });
});
