import { createClient, type Client } from 'graphql-ws';
import { bearer } from './auth-client';
import type { Session } from './session';

/** `ws://` or `wss://` of this page's host, path /graphql (the server speaks graphql-transport-ws there). */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

export interface SubscriptionClientOptions {
  url?: string;
  onConnected?: () => void;
  /** Tests pass a fake socket. */
  webSocketImpl?: unknown;
}

/**
 * The WebSocket client of one signed-in session: connection_init carries `{"Authorization": "Bearer …"}`
 * (browsers cannot set headers on a WebSocket). When the server closes with 4403 (credential refused),
 * the session recovers once like an HTTP 401, and the reconnect sends the new token; a session that
 * ended stops the retries. `onConnected` runs on every (re)connection: what arrived while the socket
 * was down (a publish closes it, a network change drops it) is not sent again, so callers re-read.
 */
export function createSubscriptionClient(session: Session, options: SubscriptionClientOptions = {}): Client {
  const { url = socketUrl(), onConnected = () => undefined, webSocketImpl } = options;
  let sent: string | undefined;
  return createClient({
    url,
    ...(webSocketImpl ? { webSocketImpl } : {}),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => session.state === 'signedIn',
    connectionParams: async () => {
      await session.ensureFresh();
      sent = session.accessToken;
      return bearer(session);
    },
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        if ((event as { code?: number } | undefined)?.code === 4403 && session.state === 'signedIn') {
          void session.recover(sent);
        }
      },
    },
  });
}
