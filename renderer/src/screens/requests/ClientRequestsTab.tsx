import { useEffect } from 'react';
import { REQUEST_TYPE_LABELS } from '../../../../shared/domain/requests';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { formatDateTime, plural } from '../../lib/format';
import { routeHash, TAB_OF_KIND } from '../../stores/navigation-store';
import { useRequestsStore } from '../../stores/requests-store';
import { RequestsSkeleton } from './CustomerPortalScreen';
import { RequestStatusPill } from './RequestStatusPill';
import { RECORD_KIND_OF_TYPE, REQUEST_TYPE_ICONS } from './request-types';

/** The profile's Customer Portal tab: the same requests as the CUSTOMER PORTAL page, compact. */
export function ClientRequestsTab({ clientId }: { clientId: string }) {
  const open = useRequestsStore((state) => state.open);
  const requests = useRequestsStore((state) => (state.clientId === clientId ? state.requests : []));
  const status = useRequestsStore((state) => (state.clientId === clientId ? state.status : 'loading'));
  const error = useRequestsStore((state) => state.error);
  const pageHref = routeHash({ name: 'customer-portal', clientId });

  useEffect(() => {
    void open(clientId);
  }, [clientId, open]);

  const toolbar = (
    <div className="panel-toolbar">
      <p className="panel-toolbar__text">
        {status === 'ready' && requests.length > 0
          ? `${plural(requests.length, 'request', 'requests')} sent through the Customer Portal${requests.length > 1 ? ', newest first' : ''}.`
          : 'Requests sent through the Customer Portal and their status.'}
      </p>
      <a className="button button--secondary button--sm" href={pageHref}>
        <Icon name="portal" size={15} />
        Open {PRODUCT_TEXTS.customerPortal}
      </a>
    </div>
  );

  if (status === 'error') {
    return (
      <EmptyState icon="warning" title="Requests could not be loaded" tone="danger">
        <p>{error}</p>
        <button type="button" className="button button--secondary" onClick={() => void open(clientId)}>
          Try again
        </button>
      </EmptyState>
    );
  }
  if (status !== 'ready') return <RequestsSkeleton rows={2} />;
  if (requests.length === 0) {
    return (
      <EmptyState icon="portal" title="No requests sent to this client yet.">
        <p>
          Ask the client for an assessment, a document, their location or a Release of Information on the{' '}
          {PRODUCT_TEXTS.customerPortal} page.
        </p>
        <a className="button button--secondary" href={pageHref}>
          <Icon name="portal" size={16} />
          Open {PRODUCT_TEXTS.customerPortal}
        </a>
      </EmptyState>
    );
  }
  return (
    <>
      {toolbar}
      <ul className="request-list" aria-label="Customer Portal requests">
        {requests.map((request) => (
          <li key={request.id} className="request-item">
            <span className="request-item__icon">
              <Icon name={REQUEST_TYPE_ICONS[request.type]} size={18} />
            </span>
            <div className="request-item__main">
              <p className="request-item__what">
                {request.status === 'completed' && request.recordId ? (
                  <a
                    href={routeHash({
                      name: 'client',
                      clientId,
                      tab: TAB_OF_KIND[RECORD_KIND_OF_TYPE[request.type]],
                      recordId: request.recordId,
                    })}
                  >
                    {request.description}
                  </a>
                ) : (
                  request.description
                )}
              </p>
              <p className="request-item__meta">
                {REQUEST_TYPE_LABELS[request.type]} · Sent by {request.senderName} on{' '}
                <time dateTime={request.sentAt}>{formatDateTime(request.sentAt)}</time>
                {request.private && (
                  <span className="badge badge--private">
                    <Icon name="lock" size={12} />
                    Private
                  </span>
                )}
              </p>
            </div>
            <RequestStatusPill request={request} />
          </li>
        ))}
      </ul>
    </>
  );
}
