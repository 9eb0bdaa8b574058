import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkReadMutation, NotificationsQuery } from '../../api/generated';
import { MARK_READ, NOTIFICATIONS } from '../../api/operations';
import { useClient } from '../../app/ClientContext';
import { useLocale } from '../../app/useLocale';

export type InboxItem = NonNullable<NotificationsQuery['notifications']>[number];

/** How often the header's unread count looks for new notifications. */
const POLL_MS = 60_000;

/** The caller's notifications (titles in the UI's language), newest first; polled for the header; `fresh` reloads on mount. */
export function useInbox(options: { fresh?: boolean } = {}) {
  const client = useClient();
  const { locale } = useLocale();
  return useQuery({
    queryKey: ['inbox', locale],
    queryFn: ({ signal }) =>
      client.request<NotificationsQuery>(NOTIFICATIONS, { unreadOnly: false }, signal).then((d) => d.notifications),
    refetchInterval: POLL_MS,
    ...(options.fresh ? { refetchOnMount: 'always' as const } : {}),
  });
}

export function useMarkRead() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => client.request<MarkReadMutation>(MARK_READ, { ids }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });
}
