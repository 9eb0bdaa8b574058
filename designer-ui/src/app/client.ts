import { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { RefreshSessionMutation } from '../api/generated';
import { REFRESH_SESSION } from '../api/admin-operations';
import { createGraphQLClient, GraphQLRequestError, type GraphQLClient } from '../api/graphql';
import { bearer, isRefusal, withSession } from './auth/auth-client';
import { Session, type KeyValueStorage } from './auth/session';

/** The client for requests made without a session (signIn, refreshSession): the language only. */
export function createAnonymousClient(i18n: I18n): GraphQLClient {
  return createGraphQLClient({ url: '/graphql', headers: () => ({ 'Accept-Language': i18n.language }) });
}

/** The tab's session; its refresh token is kept in sessionStorage (ADR 0042). */
export function createSession(i18n: I18n, storage: KeyValueStorage | undefined = tabStorage()): Session {
  const anonymous = createAnonymousClient(i18n);
  return new Session({
    storage,
    isRefusal,
    refresh: async (refreshToken) => {
      const data = await anonymous.request<RefreshSessionMutation>(REFRESH_SESSION, { refreshToken });
      if (!data.refreshSession) throw new GraphQLRequestError('graphql', 'refreshSession answered nothing');
      return data.refreshSession;
    },
  });
}

/**
 * The app's GraphQL client: server messages (problems, validation errors) come in the chosen
 * language, every request carries the session's Bearer token and survives one refresh.
 */
export function createAppClient(i18n: I18n, session: Session): GraphQLClient {
  const inner = createGraphQLClient({
    url: '/graphql',
    headers: () => ({ 'Accept-Language': i18n.language, ...bearer(session) }),
  });
  return withSession(inner, session);
}

/** Server state cache: GraphQL errors are answers, not outages, so they are not retried. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (count, error) =>
          count < 2 && error instanceof GraphQLRequestError && error.kind !== 'graphql' && error.status !== 401,
        refetchOnWindowFocus: false,
      },
    },
  });
}

function tabStorage(): KeyValueStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
