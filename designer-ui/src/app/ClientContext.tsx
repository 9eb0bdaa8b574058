import { createContext, useContext } from 'react';
import type { GraphQLClient } from '../api/graphql';

const ClientContext = createContext<GraphQLClient | null>(null);

export const ClientProvider = ClientContext.Provider;

/** The GraphQL client of the app (tests provide one that answers from fixtures). */
export function useClient(): GraphQLClient {
  const client = useContext(ClientContext);
  if (!client) {
    throw new Error('useClient outside ClientProvider');
  }
  return client;
}
