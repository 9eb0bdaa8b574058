import { useMutation } from '@tanstack/react-query';
import type { AssignmentPreviewQuery, MatchingPreviewQuery } from '../../api/generated';
import { ASSIGNMENT_PREVIEW, MATCHING_PREVIEW } from '../../api/rule-operations';
import { useClient } from '../../app/ClientContext';

/** The server's dry run of an assignment rule as edited: who would get each of the newest records. */
export function useAssignmentPreview() {
  const client = useClient();
  return useMutation({
    mutationFn: (rule: unknown) =>
      client.request<AssignmentPreviewQuery>(ASSIGNMENT_PREVIEW, { rule, limit: 100 }).then((d) => d.assignmentPreview),
  });
}

/** The server's dry run of a matching rule as edited: which stored records it would flag. */
export function useMatchingPreview() {
  const client = useClient();
  return useMutation({
    mutationFn: (rule: unknown) =>
      client.request<MatchingPreviewQuery>(MATCHING_PREVIEW, { rule, limit: 100 }).then((d) => d.matchingPreview),
  });
}
