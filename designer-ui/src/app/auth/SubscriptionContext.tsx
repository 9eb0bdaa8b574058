import type { Client } from 'graphql-ws';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from './SessionContext';
import { createSubscriptionClient } from './subscriptions';

const SubscriptionContext = createContext<Client | null>(null);

/** One WebSocket client per signed-in session, closed when the session ends (the provider unmounts). */
export function SubscriptionProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [client, setClient] = useState<Client | null>(null);
  useEffect(() => {
    const created = createSubscriptionClient(session);
    setClient(created);
    return () => {
      void created.dispose();
    };
  }, [session]);
  return <SubscriptionContext.Provider value={client}>{children}</SubscriptionContext.Provider>;
}

/** Runs `onData` for every event of a subscription while the component is mounted (nothing without a client). */
export function useSubscription<T>(query: string, onData: (data: T) => void): void {
  const client = useContext(SubscriptionContext);
  const handler = useRef(onData);
  handler.current = onData;
  useEffect(() => {
    if (!client) return undefined;
    return client.subscribe<T>(
      { query },
      {
        next: (result) => {
          if (result.data) handler.current(result.data);
        },
        error: () => undefined, // the client reconnects by itself; a refused session shows the sign-in page
        complete: () => undefined,
      },
    );
  }, [client, query]);
}
