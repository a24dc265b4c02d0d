import type { RequestType } from '../../../../../shared/domain/requests';
import type { PortalRequest } from '../../api/types';
import { Icon, type IconName } from '../../components/Icon';
import { type I18n, useI18n } from '../../i18n';
import { Link } from '../../lib/router';

export const REQUEST_ICONS: Record<RequestType, IconName> = {
  assessment: 'clipboard',
  document: 'upload',
  location: 'pin',
  roi: 'pen',
};

/**
 * What a request asks, in words. Assessments and documents are named by the agency (their own
 * names); a location or ROI request's server wording is fixed English, so the portal says it.
 */
export function describeRequest(request: PortalRequest, t: I18n['t']): string {
  if (request.type === 'location' || request.type === 'roi') return t(`requests.ask.${request.type}`);
  return request.description;
}

/** Open requests as links to their forms: what is asked, by whom, and until when. */
export function RequestSummaryList({ requests }: { requests: PortalRequest[] }) {
  const { t, day, weekday } = useI18n();
  return (
    <ul className="request-list">
      {requests.map((request) => (
        <li key={request.id}>
          <Link to={`/requests/${request.id}`} className="request-item">
            <span className="request-icon">
              <Icon name={REQUEST_ICONS[request.type]} />
            </span>
            <span className="request-text">
              <span className="request-type">
                {t(`requestType.${request.type}`)}
                {request.overdue && <span className="badge badge-overdue">{t('requests.overdue')}</span>}
              </span>
              <span className="request-description">{describeRequest(request, t)}</span>
              <span className={request.overdue ? 'request-meta request-meta-overdue' : 'request-meta'}>
                {request.dueDate
                  ? request.overdue
                    ? `${request.senderName} · ${t('requests.overdueSince', { date: weekday(request.dueDate) })}`
                    : t('requests.fromDue', { name: request.senderName, date: weekday(request.dueDate) })
                  : t('requests.fromUntil', { name: request.senderName, date: day(request.expiresAt) })}
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
