import { listContacts, listRequests, listThreads } from '../api/portal-api';
import type { PortalContact, PortalRequest, PortalThread } from '../api/types';
import { LoadError, Loading } from '../components/Feedback';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { useClient } from '../session/session';
import { RequestSummaryList } from './requests/RequestSummaryList';

function RequestsCard({ requests }: { requests: PortalRequest[] }) {
  const { t, tn } = useI18n();
  return (
    <section className="card" aria-labelledby="dash-requests">
      <h2 id="dash-requests">
        <Icon name="requests" />
        {t('dashboard.requests')}
      </h2>
      {requests.length === 0 ? (
        <p className="muted">{t('dashboard.noRequests')}</p>
      ) : (
        <>
          <p>{tn('dashboard.requestsWaiting', requests.length)}</p>
          <RequestSummaryList requests={requests.slice(0, 3)} />
          {requests.length > 3 && (
            <Link to="/requests" className="more-link">
              {t('dashboard.allRequests')}
            </Link>
          )}
        </>
      )}
    </section>
  );
}

function MessagesCard({ threads }: { threads: PortalThread[] }) {
  const { t, tn, when } = useI18n();
  const unread = threads.filter((thread) => thread.unread).length;
  const latest = threads[0];
  return (
    <section className="card" aria-labelledby="dash-messages">
      <h2 id="dash-messages">
        <Icon name="messages" />
        {t('dashboard.messages')}
      </h2>
      <p className={unread > 0 ? 'unread-summary has-unread' : 'unread-summary'}>
        {unread > 0 ? tn('dashboard.unread', unread) : t('dashboard.noUnread')}
      </p>
      {latest ? (
        <Link to={`/messages/${latest.id}`} className="latest-message">
          <span className="latest-label">{t('dashboard.latest')}</span>
          <span className="latest-from">
            {latest.lastSenderKind === 'client' ? t('messages.you') : latest.staffName}
            <span className="muted"> · {when(latest.lastMessageAt)}</span>
          </span>
          <span className="latest-preview">{latest.preview}</span>
        </Link>
      ) : (
        <p className="muted">{t('messages.none')}</p>
      )}
      <Link to="/messages" className="more-link">
        {t('dashboard.openMessages')}
      </Link>
    </section>
  );
}

function CareTeamCard({ contacts }: { contacts: PortalContact[] }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="dash-team">
      <h2 id="dash-team">
        <Icon name="person" />
        {t('dashboard.careTeam')}
      </h2>
      {contacts.length === 0 ? (
        <p className="muted">{t('dashboard.noCareTeam')}</p>
      ) : (
        <ul className="contact-list">
          {contacts.map((contact) => (
            <li key={contact.staffId} className="contact">
              <span className="contact-name">{contact.name}</span>
              <span className="contact-role">
                {[contact.careTeamRole || contact.title, contact.agencyName].filter(Boolean).join(' · ')}
              </span>
              {contact.acceptsMessages ? (
                <Link
                  to={`/messages/new?to=${encodeURIComponent(contact.staffId)}`}
                  className="contact-action"
                >
                  <Icon name="write" />
                  {t('dashboard.writeTo', { name: contact.name.split(' ')[0] ?? contact.name })}
                </Link>
              ) : (
                <span className="contact-note">{t('contacts.notAccepting')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  const client = useClient();
  const data = useResource(async () => {
    const [requests, threads, contacts] = await Promise.all([listRequests(), listThreads(), listContacts()]);
    return { requests: requests.requests, threads: threads.threads, contacts: contacts.contacts };
  }, 'dashboard');
  return (
    <Page title={t('dashboard.title', { name: client.firstName })}>
      {data.loading && !data.data ? (
        <Loading />
      ) : data.data ? (
        <div className="dashboard">
          <RequestsCard requests={data.data.requests} />
          <MessagesCard threads={data.data.threads} />
          <CareTeamCard contacts={data.data.contacts} />
        </div>
      ) : (
        <LoadError error={data.error} retry={data.reload} />
      )}
    </Page>
  );
}
