import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient, GraphQLRequestError } from '../../api/graphql';
import { bearer, isRefusal, sessionFetch, withSession } from './auth-client';
import { Session, type SessionTokens } from './session';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const noTimers = { setTimer: () => undefined, clearTimer: () => undefined };

/** A server that accepts only `valid` as Bearer token and answers the rest with HTTP 401. */
function server(valid: () => string) {
  const seen: string[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const auth = (init.headers as Record<string, string>).Authorization ?? '';
    seen.push(auth);
    await new Promise((r) => setTimeout(r, 5)); // requests overlap
    if (auth !== `Bearer ${valid()}`) {
      return new Response(
        JSON.stringify({ errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }] }),
        {
          status: 401,
        },
      );
    }
    return new Response(JSON.stringify({ data: { ok: auth } }), { status: 200 });
  });
  return { fetch, seen };
}

function setup() {
  let current = 'a1';
  let issued = 1;
  const refresh = vi.fn(async (): Promise<SessionTokens> => {
    await new Promise((r) => setTimeout(r, 20));
    issued++;
    current = `a${issued}`;
    return { accessToken: current, refreshToken: `r${issued}`, expiresIn: 900 };
  });
  const session = new Session({ storage: memoryStorage(), refresh, isRefusal, ...noTimers });
  const backend = server(() => current);
  const inner = createGraphQLClient({ fetch: backend.fetch, headers: () => bearer(session) });
  return {
    session,
    refresh,
    backend,
    client: withSession(inner, session),
    expire: () => (current = 'rotated-by-server'),
  };
}

describe('withSession', () => {
  it('sends the access token as Bearer on every request', async () => {
    const { session, client, backend } = setup();
    session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
    await client.request('{ ok }');
    expect(backend.seen).toEqual(['Bearer a1']);
  });

  it('concurrent requests refused with 401 share one refresh, then all succeed with the new token', async () => {
    const { session, client, refresh, backend, expire } = setup();
    session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
    expire();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => client.request<{ ok: string }>('{ ok }')));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('r1');
    expect(results.map((r) => r.ok)).toEqual(Array(5).fill('Bearer a2'));
    expect(backend.seen.filter((s) => s === 'Bearer a1')).toHaveLength(5);
  });

  it('refreshes at most once per rejection: a second 401 reaches the caller', async () => {
    const { session, refresh } = setup();
    session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
    const always401 = createGraphQLClient({
      fetch: async () => new Response('{"errors":[{"message":"no"}]}', { status: 401 }),
      headers: () => bearer(session),
    });
    await expect(withSession(always401, session).request('{ ok }')).rejects.toBeInstanceOf(GraphQLRequestError);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('a refused refresh ends the session and the request fails', async () => {
    const storage = memoryStorage();
    const refused = new GraphQLRequestError('graphql', 'ended', 200, [{ message: 'ended' }]);
    const session = new Session({ storage, isRefusal, refresh: async () => Promise.reject(refused), ...noTimers });
    session.start({ accessToken: 'old', refreshToken: 'r1', expiresIn: 900 });
    const inner = createGraphQLClient({
      fetch: async () => new Response('{"errors":[{"message":"no"}]}', { status: 401 }),
      headers: () => bearer(session),
    });
    await expect(withSession(inner, session).request('{ ok }')).rejects.toBeInstanceOf(GraphQLRequestError);
    expect(session.state).toBe('signedOut');
  });

  it('GraphQL errors other than UNAUTHENTICATED pass through without a refresh', async () => {
    const { session, refresh } = setup();
    session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
    const failing = createGraphQLClient({
      fetch: async () => new Response('{"errors":[{"message":"bad","extensions":{"code":"VALIDATION_FAILED"}}]}'),
    });
    await expect(withSession(failing, session).request('{ ok }')).rejects.toThrow('bad');
    expect(refresh).not.toHaveBeenCalled();
  });
});

describe('sessionFetch (GraphiQL)', () => {
  it('adds the Bearer token and retries a 401 once after the shared refresh', async () => {
    const { session, backend, expire, refresh } = setup();
    session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
    expire();
    const fetchWithSession = sessionFetch(session, (async (input: RequestInfo | URL, init?: RequestInit) =>
      backend.fetch(String(input), {
        ...init,
        headers: { Authorization: new Headers(init?.headers).get('Authorization') ?? '' },
      })) as typeof fetch);
    const [a, b] = await Promise.all([fetchWithSession('/graphql', {}), fetchWithSession('/graphql', {})]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
