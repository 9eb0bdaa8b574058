import { useQuery } from '@tanstack/react-query';
import type { MatchingRulesQuery } from '../../api/generated';
import { MATCHING_RULES } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import type { MatchingRuleDefinition } from '../../metamodel';

/** The published matching rules; refetched with the metadata after a publish. */
export function useMatchingRules() {
  const client = useClient();
  return useQuery({
    queryKey: ['metadata', 'matchingRules'],
    queryFn: ({ signal }) =>
      client
        .request<MatchingRulesQuery>(MATCHING_RULES, undefined, signal)
        .then((d) => d.definitions as MatchingRuleDefinition[]),
  });
}

/** The rules designer URL of a draft or published rule. */
export const ruleHref = (key: string) => `/designer/rules/${encodeURIComponent(key)}`;
