import { useState } from 'react';
import type { RequestStatus } from '../../../../shared/domain/requests';
import { openRequest } from '../api/portal-api';
import type { PortalRequest } from '../api/types';
import { LoadError, Loading } from '../components/Feedback';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { type MessageKey, useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { AssessmentForm } from './requests/AssessmentForm';
import { DocumentRequestForm } from './requests/DocumentRequestForm';
import { LocationForm } from './requests/LocationForm';
import { describeRequest } from './requests/RequestSummaryList';
import { RoiForm } from './requests/RoiForm';

const CLOSED: Record<Exclude<RequestStatus, 'sent' | 'viewed'>, MessageKey> = {
  completed: 'request.closed.completed',
  cancelled: 'request.closed.cancelled',
  expired: 'request.closed.expired',
};

/** What the client sees once a form went through. */
function Done({ request }: { request: PortalRequest }) {
  const { t } = useI18n();
  return (
    <div className="card done" role="status">
      <Icon name="check" className="done-icon" />
      <h2>{t('request.doneTitle')}</h2>
      <p>{t('request.doneText', { name: request.senderName })}</p>
      <Link to="/requests" className="button button-secondary button-block">
        {t('request.backToList')}
      </Link>
    </div>
  );
}

function RequestForm({
  request,
  onDone,
}: {
  request: PortalRequest;
  onDone: (request: PortalRequest) => void;
}) {
  switch (request.type) {
    case 'assessment':
      return <AssessmentForm request={request} onDone={onDone} />;
    case 'document':
      return <DocumentRequestForm request={request} onDone={onDone} />;
    case 'location':
      return <LocationForm request={request} onDone={onDone} />;
    case 'roi':
      return <RoiForm request={request} onDone={onDone} />;
  }
}

export function RequestPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const loaded = useResource(() => openRequest(id), id);
  const [done, setDone] = useState<PortalRequest | undefined>(undefined);
  const request = done ?? loaded.data?.request;
  const title = request ? t(`requestType.${request.type}`) : t('request.title');
  return (
    <Page title={title} back={{ to: '/requests', label: t('request.backToList') }}>
      {loaded.loading && !loaded.data ? (
        <Loading />
      ) : request ? (
        <>
          <div className="request-header">
            <p className="request-what">{describeRequest(request, t)}</p>
            <p className="muted">
              {t('request.sentBy', {
                name: request.senderName,
                agency: request.agencyName,
                date: dateTime(request.sentAt),
              })}
            </p>
          </div>
          {done ? (
            <Done request={done} />
          ) : request.status === 'sent' || request.status === 'viewed' ? (
            <RequestForm request={request} onDone={setDone} />
          ) : (
            <p className="alert alert-info">{t(CLOSED[request.status])}</p>
          )}
        </>
      ) : (
        <LoadError error={loaded.error} retry={loaded.reload} />
      )}
    </Page>
  );
}
