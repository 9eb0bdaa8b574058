import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../../app/ErrorPanel';
import { useInbox, useMarkRead } from './useInbox';

/** `/inbox`: the caller's notifications (e.g. a duplicate someone else's record ran into), read or not. */
export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const inbox = useInbox({ fresh: true });
  const markRead = useMarkRead();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (inbox.isError) return <ErrorPanel error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (!inbox.data) return <p className="status">{t('loading')}</p>;
  const unread = inbox.data.filter((n) => !n.read).map((n) => n.id);
  return (
    <div>
      <div className="toolbar">
        <h2>{t('inbox')}</h2>
        <span className="spacer" />
        <button
          type="button"
          className="button button--secondary"
          disabled={unread.length === 0 || markRead.isPending}
          onClick={() => markRead.mutate(unread)}
        >
          {t('markAllRead')}
        </button>
      </div>
      {markRead.isError && <ErrorPanel error={markRead.error} />}
      {inbox.data.length === 0 && <p className="empty">{t('inboxEmpty')}</p>}
      <ul className="inbox" data-testid="inbox">
        {inbox.data.map((n) => (
          <li key={n.id} className={`card${n.read ? '' : ' inbox__unread'}`} data-read={n.read}>
            <div className="toolbar">
              <strong>{n.title}</strong>
              {!n.read && <span className="badge">{t('unread')}</span>}
              <span className="spacer" />
              <span className="muted">{format.format(new Date(n.createdAt))}</span>
            </div>
            <p>{n.body}</p>
            <div className="toolbar">
              {n.entity && n.recordId && <Link to={`/workspace/${n.entity}/${n.recordId}`}>{t('openRecord')}</Link>}
              {!n.read && (
                <button type="button" className="button button--secondary" onClick={() => markRead.mutate([n.id])}>
                  {t('markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
