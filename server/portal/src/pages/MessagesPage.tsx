import { listThreads } from '../api/portal-api';
import { LoadError, Loading } from '../components/Feedback';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';

export function MessagesPage() {
  const { t, when } = useI18n();
  const threads = useResource(listThreads, 'threads');
  return (
    <Page title={t('messages.title')}>
      <Link to="/messages/new" className="button button-primary button-block">
        <Icon name="write" />
        {t('messages.new')}
      </Link>
      {threads.loading && !threads.data ? (
        <Loading />
      ) : threads.data ? (
        threads.data.threads.length === 0 ? (
          <p className="empty">{t('messages.none')}</p>
        ) : (
          <ul className="thread-list" aria-label={t('messages.listLabel')}>
            {threads.data.threads.map((thread) => (
              <li key={thread.id}>
                <Link
                  to={`/messages/${thread.id}`}
                  className={thread.unread ? 'thread-item thread-unread' : 'thread-item'}
                >
                  <span className="thread-top">
                    <span className="thread-name">
                      {thread.unread && <span className="unread-dot" aria-hidden="true" />}
                      {thread.staffName}
                    </span>
                    <span className="thread-time">{when(thread.lastMessageAt)}</span>
                  </span>
                  {thread.unread && <span className="badge">{t('messages.unread')}</span>}
                  <span className="thread-title">{thread.staffTitle}</span>
                  <span className="thread-preview">
                    {thread.lastSenderKind === 'client' && `${t('messages.youPrefix')} `}
                    {thread.preview}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )
      ) : (
        <LoadError error={threads.error} retry={threads.reload} />
      )}
    </Page>
  );
}
