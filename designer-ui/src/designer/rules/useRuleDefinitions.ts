import { useQuery } from '@tanstack/react-query';
import type { AssignmentRulesQuery, DirectoryQuery, PoolsQuery } from '../../api/generated';
import { ASSIGNMENT_RULES, DIRECTORY, POOLS } from '../../api/rule-operations';
import { useClient } from '../../app/ClientContext';
import type { AssignmentRuleDefinition, PoolDefinition } from '../../metamodel';

/** The published assignment rules; refetched with the metadata after a publish. */
export function useAssignmentRules() {
  const client = useClient();
  return useQuery({
    queryKey: ['metadata', 'assignmentRules'],
    queryFn: ({ signal }) =>
      client
        .request<AssignmentRulesQuery>(ASSIGNMENT_RULES, undefined, signal)
        .then((d) => d.definitions as AssignmentRuleDefinition[]),
  });
}

/** The published pools; refetched with the metadata after a publish. */
export function usePools() {
  const client = useClient();
  return useQuery({
    queryKey: ['metadata', 'pools'],
    queryFn: ({ signal }) =>
      client.request<PoolsQuery>(POOLS, undefined, signal).then((d) => d.definitions as PoolDefinition[]),
  });
}

export type Person = NonNullable<DirectoryQuery['users']>['nodes'][number];
export type Team = NonNullable<DirectoryQuery['teams']>['nodes'][number];

/** The users and teams (records of the built-in entities) the pickers offer. */
export function useDirectory() {
  const client = useClient();
  return useQuery({
    queryKey: ['directory'],
    queryFn: ({ signal }) =>
      client.request<DirectoryQuery>(DIRECTORY, undefined, signal).then((d) => ({
        users: d.users?.nodes ?? [],
        teams: d.teams?.nodes ?? [],
      })),
  });
}

/** The designer URLs of an assignment rule and a pool (a draft key, `published:<name>` or `new`). */
export const assignmentHref = (key: string) => `/designer/assignment/${encodeURIComponent(key)}`;
export const poolHref = (key: string) => `/designer/pools/${encodeURIComponent(key)}`;
