import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PublishDraftsMutation, PublishPartsFragment } from '../../api/generated';
import { METADATA_KEY } from '../../api/metadata';
import { PUBLISH_DRAFTS } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import { DRAFTS_KEY } from '../entity/useDrafts';

export type PublishOutcome = PublishPartsFragment;
export type PublishProblem = PublishOutcome['problems'][number];

/** The last dry run's result, kept so every editor shows its problems inline until the next check. */
export const CHECK_KEY = ['publishCheck'] as const;
export const VERSIONS_KEY = ['versions'] as const;

/** The last dry run (or undefined); editors read it to mark their inputs. */
export function useLastCheck(): PublishOutcome | undefined {
  return useQuery<PublishOutcome | undefined>({
    queryKey: CHECK_KEY,
    queryFn: () => undefined,
    enabled: false,
    staleTime: Infinity,
  }).data;
}

/** Dry run or publish of every draft; a dry run's problems are kept for the editors. */
export function usePublishDrafts() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) =>
      client.request<PublishDraftsMutation>(PUBLISH_DRAFTS, { dryRun }).then((d) => d.publishMetadataDrafts),
    onSuccess: async (outcome, dryRun) => {
      if (dryRun || !outcome?.applied) {
        queryClient.setQueryData(CHECK_KEY, outcome);
        return;
      }
      queryClient.setQueryData(CHECK_KEY, undefined);
      // metadata first: an open editor then finds the published entity before its draft disappears
      await queryClient.invalidateQueries({ queryKey: METADATA_KEY });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: DRAFTS_KEY }),
        queryClient.invalidateQueries({ queryKey: VERSIONS_KEY }),
      ]);
    },
  });
}
