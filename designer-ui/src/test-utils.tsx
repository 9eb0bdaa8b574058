import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { GraphQLClient } from './api/graphql';
import type { MyPermissions } from './app/permissions/permission-model';
import { Session } from './app/auth/session';
import { SessionProvider } from './app/auth/SessionContext';
import { ClientProvider } from './app/ClientContext';
import { createI18n, type Locale } from './app/i18n';

type Answer = (query: string, variables?: Record<string, unknown>) => Promise<unknown>;

/** What an administrator may do: everything (the server answers `admin: true`). */
export const ADMIN_PERMISSIONS: MyPermissions = { user: 'admin', admin: true, capabilities: [], entities: [] };

/**
 * A client whose successive requests get these answers (the last one repeats); the inbox is always
 * empty and the user is an administrator (see {@link clientAnsweringAs}).
 */
export function clientAnswering(...answers: Answer[]): GraphQLClient {
  return clientAnsweringAs(ADMIN_PERMISSIONS, ...answers);
}

/** As {@link clientAnswering}, for a user with these permissions (records' own rights: the entity's). */
export function clientAnsweringAs(permissions: MyPermissions, ...answers: Answer[]): GraphQLClient {
  let call = 0;
  const request = vi.fn((query: string, variables?: Record<string, unknown>) => {
    if (query.includes('query Notifications')) {
      return Promise.resolve({ notifications: [] }); // the header's inbox count, on every page
    }
    if (query.includes('query MyPermissions')) {
      return Promise.resolve({ myPermissions: permissions }); // the navigation, on every page
    }
    if (query.includes('query RecordPermissions')) {
      return Promise.resolve({ recordPermissions: null });
    }
    const answer = answers[Math.min(call++, answers.length - 1)]!;
    return answer(query, variables);
  });
  return { request } as unknown as GraphQLClient;
}

/** A session signed in as `admin` (its tokens are never checked: the client answers from fixtures). */
export function signedInSession(): Session {
  const session = new Session({ refresh: () => Promise.reject(new Error('no refresh in tests')), setTimer: () => undefined, clearTimer: () => undefined });
  const claims = btoa(JSON.stringify({ sub: 'admin' })).replace(/=+$/, '');
  session.start({ accessToken: `h.${claims}.s`, refreshToken: 'r', expiresIn: 900 });
  return session;
}

/** Renders `ui` inside the app's providers (signed in as admin), in `locale`, at `route`. */
export function renderWithApp(
  ui: ReactElement,
  { client, locale = 'zh-CN', route = '/' }: { client: GraphQLClient; locale?: Locale; route?: string },
): RenderResult {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nextProvider i18n={createI18n(locale)}>
      <SessionProvider value={signedInSession()}>
        <ClientProvider value={client}>
          <QueryClientProvider client={queryClient}>
            <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
          </QueryClientProvider>
        </ClientProvider>
      </SessionProvider>
    </I18nextProvider>,
  );
}
