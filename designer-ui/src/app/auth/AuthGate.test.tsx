import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n';
import { AuthGate } from './AuthGate';
import { Session } from './session';
import { SessionProvider } from './SessionContext';

function setup(session: Session, locale: 'zh-CN' | 'en' = 'en') {
  const queryClient = new QueryClient();
  queryClient.setQueryData(['secret'], 'cached');
  render(
    <I18nextProvider i18n={createI18n(locale)}>
      <SessionProvider value={session}>
        <QueryClientProvider client={queryClient}>
          <AuthGate>
            <p>the app</p>
          </AuthGate>
        </QueryClientProvider>
      </SessionProvider>
    </I18nextProvider>,
  );
  return queryClient;
}

const noTimers = { setTimer: () => undefined, clearTimer: () => undefined };

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText(/Username|登录名/), { target: { value: username } });
  fireEvent.change(screen.getByLabelText(/^(Password|密码)$/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /Sign in|登录/ }));
}

afterEach(() => vi.unstubAllGlobals());

describe('AuthGate and the sign-in page', () => {
  it("shows the server's refusal in the chosen language, then the app once signed in", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        new Response(
          JSON.stringify({
            errors: [{ message: '用户名或密码错误', extensions: { code: 'UNAUTHENTICATED' } }],
            data: null,
          }),
        ),
      )
      .mockResolvedValueOnce(
        new Response(
          JSON.stringify({ data: { signIn: { accessToken: 'a.e30.b', refreshToken: 'r', expiresIn: 900 } } }),
        ),
      );
    vi.stubGlobal('fetch', fetch);
    const session = new Session({ refresh: vi.fn(), ...noTimers });
    setup(session, 'zh-CN');
    signIn('admin', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('用户名或密码错误');
    expect((fetch.mock.calls[0]![1] as RequestInit).headers).toMatchObject({ 'Accept-Language': 'zh-CN' });
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
    signIn('admin', 'right');
    expect(await screen.findByText('the app')).toBeTruthy();
    expect(session.state).toBe('signedIn');
  });

  it('shows the rate limit as the server words it, asking in English when English is chosen', async () => {
    const message = 'Too many failed sign-ins; try again in 15 minute(s)';
    const fetch = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'TOO_MANY_ATTEMPTS' } }], data: null })),
    );
    vi.stubGlobal('fetch', fetch);
    setup(new Session({ refresh: vi.fn(), ...noTimers }), 'en');
    signIn('admin', 'guess');
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect((fetch.mock.calls[0]![1] as RequestInit).headers).toMatchObject({ 'Accept-Language': 'en' });
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    setup(new Session({ refresh: vi.fn(), ...noTimers }));
    signIn('admin', 'x');
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot reach the server');
  });

  it('a session that ends shows the sign-in page and clears the cached server state', async () => {
    const session = new Session({ refresh: vi.fn(), ...noTimers });
    session.start({ accessToken: 'a.e30.b', refreshToken: 'r', expiresIn: 900 });
    const queryClient = setup(session);
    expect(screen.getByText('the app')).toBeTruthy();
    act(() => session.end());
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(queryClient.getQueryData(['secret'])).toBeUndefined();
  });

  it('after a reload restores the session before showing anything', async () => {
    const storage = new Map([['tessera.refreshToken', 'r1']]);
    const session = new Session({
      storage: {
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => void storage.set(k, v),
        removeItem: (k) => void storage.delete(k),
      },
      refresh: async () => ({ accessToken: 'a.e30.b', refreshToken: 'r2', expiresIn: 900 }),
      ...noTimers,
    });
    setup(session);
    expect(await screen.findByText('the app')).toBeTruthy();
    expect(storage.get('tessera.refreshToken')).toBe('r2');
  });
});
