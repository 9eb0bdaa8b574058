import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NOTIFICATION_RECEIVED } from '../../api/admin-operations';
import type { MarkReadMutation, NotificationsQuery } from '../../api/generated';
import { MARK_READ, NOTIFICATIONS } from '../../api/operations';
import { useSubscription } from '../../app/auth/SubscriptionContext';
import { useClient } from '../../app/ClientContext';
import { useLocale } from '../../app/useLocale';

export type InboxItem = NonNullable<NotificationsQuery['notifications']>[number];

/** The caller's notifications (titles in the UI's language), newest first; kept live by {@link useLiveInbox}; `fresh` reloads on mount. */
export function useInbox(options: { fresh?: boolean } = {}) {
  const client = useClient();
  const { locale } = useLocale();
  return useQuery({
    queryKey: ['inbox', locale],
    queryFn: ({ signal }) =>
      client.request<NotificationsQuery>(NOTIFICATIONS, { unreadOnly: false }, signal).then((d) => d.notifications),
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

/**
 * New notifications arrive over the `notificationReceived` subscription: the inbox and its unread
 * count reload at once, and after every (re)connection, for what came while the socket was down.
 */
export function useLiveInbox(): void {
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  useSubscription(NOTIFICATION_RECEIVED, reload, reload);
}
