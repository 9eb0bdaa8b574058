import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Session } from './session';

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = SessionContext.Provider;

/** The tab's session; the component re-renders when it starts, refreshes or ends. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession outside SessionProvider');
  }
  useSyncExternalStore(
    (onChange) => session.subscribe(onChange),
    () => session.snapshot,
  );
  return session;
}
