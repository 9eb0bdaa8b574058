import { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { createGraphQLClient, GraphQLRequestError, type GraphQLClient } from '../api/graphql';

/** The app's GraphQL client: server messages (problems, validation errors) come in the chosen language. */
export function createAppClient(i18n: I18n): GraphQLClient {
  return createGraphQLClient({ url: '/graphql', headers: () => ({ 'Accept-Language': i18n.language }) });
}

/** Server state cache: GraphQL errors are answers, not outages, so they are not retried. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (count, error) => count < 2 && error instanceof GraphQLRequestError && error.kind !== 'graphql',
        refetchOnWindowFocus: false,
      },
    },
  });
}
