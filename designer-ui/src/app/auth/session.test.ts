import { describe, expect, it, vi } from 'vitest';
import { GraphQLRequestError } from '../../api/graphql';
import { isRefusal } from './auth-client';
import { refreshDelay, REFRESH_TOKEN_KEY, Session, tokenSubject, type SessionTokens } from './session';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

/** A JWT-shaped token whose payload names `sub` (the signature is not checked by the UI). */
function jwt(sub: string, n: number): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256' })}.${part({ sub, n })}.sig`;
}

function tokens(n: number, expiresIn = 900): SessionTokens {
  return { accessToken: jwt('admin', n), refreshToken: `r${n}`, expiresIn };
}

/** Manual timers: `fire()` runs the pending one. */
function timers() {
  let pending: { run: () => void; ms: number } | undefined;
  return {
    setTimer: (run: () => void, ms: number) => {
      pending = { run, ms };
      return pending;
    },
    clearTimer: (h: unknown) => {
      if (pending === h) pending = undefined;
    },
    get delay() {
      return pending?.ms;
    },
    fire: () => pending?.run(),
  };
}

describe('Session', () => {
  it('keeps the access token in memory and only the refresh token in storage', () => {
    const storage = memoryStorage();
    const session = new Session({ storage, refresh: vi.fn(), ...timers() });
    expect(session.state).toBe('signedOut');
    session.start(tokens(1));
    expect(session.state).toBe('signedIn');
    expect(session.accessToken).toBe(jwt('admin', 1));
    expect(session.username).toBe('admin');
    expect([...storage.data.entries()]).toEqual([[REFRESH_TOKEN_KEY, 'r1']]);
  });

  it('after a reload restores the session from the stored refresh token', async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: 'r1' });
    const refresh = vi.fn(async () => tokens(2));
    const session = new Session({ storage, refresh, ...timers() });
    expect(session.state).toBe('restoring');
    expect(await session.restore()).toBe(true);
    expect(refresh).toHaveBeenCalledWith('r1');
    expect(session.accessToken).toBe(jwt('admin', 2));
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('r2');
  });

  it('refreshes a minute before the access token expires (a fifth of a short life)', async () => {
    expect(refreshDelay(900)).toBe(840_000);
    expect(refreshDelay(60)).toBe(48_000);
    const clock = timers();
    const refresh = vi.fn(async () => tokens(2));
    const session = new Session({ storage: memoryStorage(), refresh, ...clock });
    session.start(tokens(1));
    expect(clock.delay).toBe(840_000);
    clock.fire();
    await vi.waitFor(() => expect(session.accessToken).toBe(jwt('admin', 2)));
    expect(refresh).toHaveBeenCalledWith('r1');
  });

  it('concurrent refreshes share one request', async () => {
    let resolve!: (t: SessionTokens) => void;
    const refresh = vi.fn(() => new Promise<SessionTokens>((r) => (resolve = r)));
    const session = new Session({ storage: memoryStorage(), refresh, ...timers() });
    session.start(tokens(1));
    const all = [session.refresh(), session.recover(jwt('admin', 1)), session.ensureFresh().then(() => true)];
    resolve(tokens(2));
    expect(await Promise.all(all)).toEqual([true, true, true]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('a refresh the server refuses ends the session and forgets the refresh token', async () => {
    const storage = memoryStorage();
    const refused = new GraphQLRequestError('graphql', 'ended', 200, [
      { message: 'ended', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    const session = new Session({
      storage,
      isRefusal,
      refresh: vi.fn(async () => Promise.reject(refused)),
      ...timers(),
    });
    const heard = vi.fn();
    session.subscribe(heard);
    session.start(tokens(1));
    expect(await session.refresh()).toBe(false);
    expect(session.state).toBe('signedOut');
    expect(session.accessToken).toBeUndefined();
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('a refresh that cannot reach the server keeps the session and tries again later', async () => {
    const clock = timers();
    const storage = memoryStorage();
    const refresh = vi.fn(async (): Promise<SessionTokens> =>
      Promise.reject(new GraphQLRequestError('network', 'down')),
    );
    const session = new Session({ storage, isRefusal, refresh, ...clock });
    session.start(tokens(1));
    expect(await session.refresh()).toBe(false);
    expect(session.state).toBe('signedIn');
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('r1');
    expect(clock.delay).toBe(15_000);
  });

  it('a rejected token that was already replaced needs no second refresh', async () => {
    const refresh = vi.fn(async () => tokens(3));
    const session = new Session({ storage: memoryStorage(), refresh, ...timers() });
    session.start(tokens(2));
    expect(await session.recover(jwt('admin', 1))).toBe(true);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes before a request when the token expired meanwhile (a sleeping computer)', async () => {
    let now = 0;
    const refresh = vi.fn(async () => tokens(2));
    const session = new Session({ storage: memoryStorage(), refresh, now: () => now, ...timers() });
    session.start(tokens(1, 900));
    await session.ensureFresh();
    expect(refresh).not.toHaveBeenCalled();
    now = 899_000;
    await session.ensureFresh();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(session.accessToken).toBe(jwt('admin', 2));
  });

  it('end() signs out: no token in memory or storage', () => {
    const storage = memoryStorage();
    const session = new Session({ storage, refresh: vi.fn(), ...timers() });
    session.start(tokens(1));
    session.end();
    expect(session.state).toBe('signedOut');
    expect(storage.data.size).toBe(0);
  });

  it('reads the subject of a token with non-ASCII claims and refuses garbage', () => {
    const payload = btoa(
      String.fromCharCode(...new TextEncoder().encode(JSON.stringify({ sub: 'zhang', name: '张伟' }))),
    );
    expect(tokenSubject(`x.${payload.replace(/=+$/, '')}.y`)).toBe('zhang');
    expect(tokenSubject('not-a-token')).toBeUndefined();
    expect(tokenSubject('a.%%%.b')).toBeUndefined();
  });
});
