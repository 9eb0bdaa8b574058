import type { Client } from 'graphql-ws';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from './SessionContext';
import { createSubscriptionClient } from './subscriptions';

interface Subscriptions {
  client: Client;
  /** Runs `listener` on every (re)connection of the socket; returns the unsubscribe. */
  onConnected: (listener: () => void) => () => void;
}

const SubscriptionContext = createContext<Subscriptions | null>(null);

/** How long after the server ended a subscription it is started again. */
const RESUBSCRIBE_MS = 2_000;

/** One WebSocket client per signed-in session, closed when the session ends (the provider unmounts). */
export function SubscriptionProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [value, setValue] = useState<Subscriptions | null>(null);
  useEffect(() => {
    const listeners = new Set<() => void>();
    const client = createSubscriptionClient(session, { onConnected: () => listeners.forEach((l) => l()) });
    setValue({
      client,
      onConnected: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    return () => {
      void client.dispose();
    };
  }, [session]);
  return <SubscriptionContext.Provider value={value}>{children}</SubscriptionContext.Provider>;
}

/**
 * Runs `onData` for every event of a subscription while the component is mounted, and `onConnected`
 * on every (re)connection, so the caller can re-read what it may have missed. A subscription the
 * server ends is started again. Nothing happens without a client (tests, signed out).
 */
export function useSubscription<T>(query: string, onData: (data: T) => void, onConnected?: () => void): void {
  const subscriptions = useContext(SubscriptionContext);
  const handlers = useRef({ onData, onConnected });
  handlers.current = { onData, onConnected };
  useEffect(() => {
    if (!subscriptions) return undefined;
    let stop: () => void = () => undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const start = () => {
      stop = subscriptions.client.subscribe<T>(
        { query },
        {
          next: (result) => {
            if (result.data) handlers.current.onData(result.data);
          },
          error: () => restart(),
          complete: () => restart(),
        },
      );
    };
    const restart = () => {
      if (active) timer = setTimeout(start, RESUBSCRIBE_MS);
    };
    const unlisten = subscriptions.onConnected(() => handlers.current.onConnected?.());
    start();
    return () => {
      active = false;
      clearTimeout(timer);
      unlisten();
      stop();
    };
  }, [subscriptions, query]);
}
