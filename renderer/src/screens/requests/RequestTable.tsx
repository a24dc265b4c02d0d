import { Fragment, useState } from 'react';
import {
  isOverdue,
  overdueFirst,
  REQUEST_TYPE_LABELS,
  type RequestSummary,
} from '../../../../shared/domain/requests';
import { ConfirmInline } from '../../components/ConfirmInline';
import { Icon } from '../../components/Icon';
import { formatCalendarDate, formatDateTime, formatDay, formatTime, localToday } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { routeHash, TAB_OF_KIND } from '../../stores/navigation-store';
import { useRequestsStore } from '../../stores/requests-store';
import { showToast } from '../../stores/toast-store';
import { RequestStatusPill } from './RequestStatusPill';
import { RECORD_KIND_OF_TYPE, REQUEST_TYPE_ICONS } from './request-types';

interface RequestTableProps {
  clientId: string;
  requests: RequestSummary[];
}

/** When an open request is due, or since when it is overdue. */
function DueDate({ request, today }: { request: RequestSummary; today: string }) {
  if (
    !request.dueDate ||
    (request.status !== 'sent' && request.status !== 'viewed' && request.status !== 'waiting')
  )
    return null;
  if (isOverdue(request, today))
    return (
      <span className="request-table__due request-table__due--overdue">
        <Icon name="warning" size={12} />
        Overdue since {formatCalendarDate(request.dueDate)}
      </span>
    );
  return <span className="request-table__due">Due {formatCalendarDate(request.dueDate)}</span>;
}

/** Every request sent to the client, overdue first, then newest first, as the CUSTOMER PORTAL page lists them. */
export function RequestTable({ clientId, requests: given }: RequestTableProps) {
  const today = localToday(useNow(60_000));
  const requests = overdueFirst(given, (request) => isOverdue(request, today));
  const [confirming, setConfirming] = useState<string | null>(null);
  const cancelling = useRequestsStore((state) => state.cancelling);
  const cancelError = useRequestsStore((state) => state.cancelError);
  const cancel = useRequestsStore((state) => state.cancel);

  // Focus never falls to the page's start when the confirmation it was in goes away.
  const focusAfter = (request: RequestSummary) =>
    requestAnimationFrame(() => {
      const button = document.querySelector<HTMLElement>(`[data-cancel-for="${request.id}"]`);
      (button ?? document.querySelector<HTMLElement>('.request-table-wrap'))?.focus();
    });

  const keep = (request: RequestSummary) => {
    setConfirming(null);
    focusAfter(request);
  };

  const confirmCancel = async (request: RequestSummary) => {
    const done = await cancel(request.id);
    setConfirming(null);
    focusAfter(request);
    if (done) showToast(`${REQUEST_TYPE_LABELS[request.type]} request cancelled`);
  };

  return (
    <div className="table-scroll request-table-wrap" tabIndex={-1}>
      <table className="data-table request-table">
        <caption className="visually-hidden">
          Customer Portal requests, overdue first, then newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Request</th>
            <th scope="col">Sent by</th>
            <th scope="col">Date sent</th>
            <th scope="col">Private</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <Fragment key={request.id}>
              <tr className={confirming === request.id ? 'data-table__row--confirming' : undefined}>
                <td className="request-table__type">
                  <span className="type-chip">
                    <Icon name={REQUEST_TYPE_ICONS[request.type]} size={15} />
                    {REQUEST_TYPE_LABELS[request.type]}
                  </span>
                </td>
                <td className="request-table__what">{request.description}</td>
                <td className="request-table__sender">
                  {/* Said in the cell only where the rows stack and the column headers are out of sight. */}
                  <span className="request-table__label">Sent by </span>
                  {request.senderName}
                </td>
                <td className="request-table__date">
                  <time dateTime={request.sentAt} title={formatDateTime(request.sentAt)}>
                    {formatDay(request.sentAt)}
                    <span className="request-table__time">{formatTime(request.sentAt)}</span>
                  </time>
                </td>
                <td className="request-table__private">
                  {request.private ? (
                    <span className="badge badge--private">
                      <Icon name="lock" size={12} />
                      Private
                    </span>
                  ) : (
                    <span className="muted">No</span>
                  )}
                </td>
                <td className="request-table__status">
                  <RequestStatusPill request={request} />
                  <DueDate request={request} today={today} />
                  {request.status === 'completed' && request.completedAt && (
                    <span className="request-table__when">on {formatDay(request.completedAt)}</span>
                  )}
                  {request.status === 'viewed' && request.viewedAt && (
                    <span className="request-table__when">
                      <time dateTime={request.viewedAt} title={formatDateTime(request.viewedAt)}>
                        on {formatDay(request.viewedAt)}
                      </time>
                    </span>
                  )}
                </td>
                <td className="request-table__actions">
                  {request.status === 'completed' && request.recordId && (
                    <a
                      className="button button--ghost button--sm button--link"
                      href={routeHash({
                        name: 'client',
                        clientId,
                        tab: TAB_OF_KIND[RECORD_KIND_OF_TYPE[request.type]],
                        recordId: request.recordId,
                      })}
                      aria-label={`View the ${REQUEST_TYPE_LABELS[request.type]} record: ${request.description}`}
                    >
                      View record
                      <Icon name="chevronRight" size={14} />
                    </a>
                  )}
                  {request.canCancel && confirming !== request.id && (
                    <button
                      type="button"
                      className="button button--ghost button--sm button--danger-text"
                      aria-label={`Cancel the request: ${request.description}`}
                      data-cancel-for={request.id}
                      disabled={cancelling !== null}
                      onClick={() => setConfirming(request.id)}
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
              {confirming === request.id && (
                <tr className="data-table__confirm">
                  <td colSpan={7}>
                    <ConfirmInline
                      message={`Cancel “${request.description}”? The client can no longer answer it.`}
                      cancelLabel="Keep request"
                      confirmLabel="Cancel request"
                      busy={cancelling === request.id}
                      onCancel={() => keep(request)}
                      onConfirm={() => void confirmCancel(request)}
                    />
                  </td>
                </tr>
              )}
              {cancelError?.requestId === request.id && confirming !== request.id && (
                <tr className="data-table__confirm">
                  <td colSpan={7}>
                    <p className="inline-error" role="alert">
                      <Icon name="warning" size={15} />
                      {cancelError.message}
                    </p>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
