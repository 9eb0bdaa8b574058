import { describe, expect, it, vi } from 'vitest';
import { Session } from './session';
import { createSubscriptionClient, socketUrl } from './subscriptions';

/** A WebSocket stand-in that records what the client sends and lets the test play the server. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readonly sent: Array<Record<string, unknown>> = [];
  readyState = 0;
  protocol = 'graphql-transport-ws';
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly OPEN = 1;
  constructor(
    readonly url: string,
    readonly protocols: string,
  ) {
    FakeSocket.all.push(this);
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
    }, 0);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code = 1000, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: true });
  }
  serve(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function signedIn(refresh = vi.fn(async () => ({ accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 }))) {
  const session = new Session({ refresh, setTimer: () => undefined, clearTimer: () => undefined });
  session.start({ accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 });
  return { session, refresh };
}

describe('subscription client', () => {
  it('sends the Bearer token in connection_init, reports the connection and delivers events', async () => {
    FakeSocket.all = [];
    const { session } = signedIn();
    const connected = vi.fn();
    const client = createSubscriptionClient(session, {
      url: 'ws://x/graphql',
      onConnected: connected,
      webSocketImpl: FakeSocket,
    });
    const events: unknown[] = [];
    client.subscribe(
      { query: 'subscription { notificationReceived { id } }' },
      { next: (v) => events.push(v.data), error: () => undefined, complete: () => undefined },
    );
    await vi.waitFor(() => expect(FakeSocket.all[0]?.sent[0]).toBeDefined());
    const socket = FakeSocket.all[0]!;
    expect(socket.sent[0]).toEqual({ type: 'connection_init', payload: { Authorization: 'Bearer a1' } });
    socket.serve({ type: 'connection_ack' });
    await vi.waitFor(() => expect(socket.sent[1]?.type).toBe('subscribe'));
    expect(connected).toHaveBeenCalledTimes(1);
    socket.serve({ type: 'next', id: socket.sent[1]!.id, payload: { data: { notificationReceived: { id: '7' } } } });
    expect(events).toEqual([{ notificationReceived: { id: '7' } }]);
    void client.dispose();
  });

  it('a 4403 close refreshes the session once and reconnects with the new token', async () => {
    FakeSocket.all = [];
    const { session, refresh } = signedIn();
    const client = createSubscriptionClient(session, { url: 'ws://x/graphql', webSocketImpl: FakeSocket });
    client.subscribe(
      { query: 'subscription { notificationReceived { id } }' },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await vi.waitFor(() => expect(FakeSocket.all[0]?.sent[0]).toBeDefined());
    FakeSocket.all[0]!.close(4403, 'Forbidden: the session ended');
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(FakeSocket.all[1]?.sent[0]).toBeDefined(), { timeout: 10_000 });
    expect(FakeSocket.all[1]!.sent[0]).toEqual({ type: 'connection_init', payload: { Authorization: 'Bearer a2' } });
    void client.dispose();
  });

  it('uses wss on https pages', () => {
    expect(socketUrl({ protocol: 'https:', host: 'crm.example.com' })).toBe('wss://crm.example.com/graphql');
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/graphql');
  });
});
