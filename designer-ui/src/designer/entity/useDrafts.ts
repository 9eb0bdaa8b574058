import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DiscardDraftMutation,
  DraftPartsFragment,
  DraftsQuery,
  SaveDraftMutation,
  SaveDraftMutationVariables,
} from '../../api/generated';
import { DISCARD_DRAFT, DRAFTS, SAVE_DRAFT } from '../../api/operations';
import { useClient } from '../../app/ClientContext';

export type Draft = DraftPartsFragment;

export const DRAFTS_KEY = ['drafts'] as const;

/** Every draft on the server, in the order a draft publish sends them. */
export function useDrafts() {
  const client = useClient();
  return useQuery({
    queryKey: DRAFTS_KEY,
    queryFn: ({ signal }) => client.request<DraftsQuery>(DRAFTS, undefined, signal).then((d) => d.metadataDrafts),
  });
}

export function useSaveDraft() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: SaveDraftMutationVariables) =>
      client.request<SaveDraftMutation>(SAVE_DRAFT, variables).then((d) => d.saveMetadataDraft),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DRAFTS_KEY }),
  });
}

export function useDiscardDraft() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) =>
      client.request<DiscardDraftMutation>(DISCARD_DRAFT, { key }).then((d) => d.discardMetadataDraft),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DRAFTS_KEY }),
  });
}

/** The designer URL of a draft or a published entity (`published:<name>`), or of a new one. */
export function editorHref(key: string): string {
  return `/designer/entity/${encodeURIComponent(key)}`;
}
