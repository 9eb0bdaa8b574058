import { GraphQLRequestError, type GraphQLClient } from '../../api/graphql';
import type { Session } from './session';

/** True when the server refused the caller's credential: HTTP 401 or a GraphQL error coded UNAUTHENTICATED. */
export function isUnauthenticated(error: unknown): boolean {
  return (
    error instanceof GraphQLRequestError &&
    (error.status === 401 || error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))
  );
}

/** A refresh that failed with an answer from the server (not a network failure or a 502-504 gateway). */
export function isRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLRequestError)) return false;
  return error.kind !== 'network' && !(error.status !== undefined && error.status >= 502 && error.status <= 504);
}

/** The `Authorization` header of the session's current access token (none while signed out). */
export function bearer(session: Session): Record<string, string> {
  const token = session.accessToken;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * Wraps a client whose headers carry the session's Bearer token: refreshes first when the token is
 * about to expire, and when the server answers 401 / UNAUTHENTICATED refreshes once (shared with
 * every concurrent request) and sends the request again. A refresh the server refuses ends the
 * session, and the error reaches the caller.
 */
export function withSession(inner: GraphQLClient, session: Session): GraphQLClient {
  return {
    async request<T>(query: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
      await session.ensureFresh();
      const sent = session.accessToken;
      try {
        return await inner.request<T>(query, variables, signal);
      } catch (error) {
        if (!isUnauthenticated(error) || !(await session.recover(sent))) throw error;
        return inner.request<T>(query, variables, signal);
      }
    },
  };
}

/**
 * `fetch` with the session's Bearer token, for GraphiQL: a 401 refreshes once (shared with the app's
 * other requests) and sends the request again.
 */
export function sessionFetch(session: Session, base: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  const send = (input: RequestInfo | URL, init: RequestInit | undefined) => {
    const headers = new Headers(init?.headers);
    const token = session.accessToken;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return base(input, { ...init, headers });
  };
  return async (input, init) => {
    await session.ensureFresh();
    const sent = session.accessToken;
    const response = await send(input, init);
    if (response.status !== 401 || !(await session.recover(sent))) return response;
    return send(input, init);
  };
}
