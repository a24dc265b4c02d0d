import { useEffect, useRef, useState } from 'react';
import { fullName } from '../../../../shared/domain/names';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { routeHash, useNavigationStore } from '../../stores/navigation-store';
import { useProfileStore } from '../../stores/profile-store';
import { useRequestsStore } from '../../stores/requests-store';
import { RequestTable } from './RequestTable';
import { SendRequestDialog } from './SendRequestDialog';

/** The CUSTOMER PORTAL page: every request sent to one client, and SEND NEW REQUEST. */
export function CustomerPortalScreen({ clientId }: { clientId: string }) {
  const openProfile = useProfileStore((state) => state.open);
  const profile = useProfileStore((state) => (state.clientId === clientId ? state.profile : null));
  const profileStatus = useProfileStore((state) => state.status);
  const openRequests = useRequestsStore((state) => state.open);
  const requests = useRequestsStore((state) => (state.clientId === clientId ? state.requests : []));
  const status = useRequestsStore((state) => (state.clientId === clientId ? state.status : 'loading'));
  const error = useRequestsStore((state) => state.error);
  const navigate = useNavigationStore((state) => state.navigate);
  const [sending, setSending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void openProfile(clientId);
    void openRequests(clientId);
  }, [clientId, openProfile, openRequests]);

  // A new page: focus starts at its heading, as after a page load.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const name = profile ? fullName(profile.client) : null;
  const unavailable = profileStatus === 'missing';

  return (
    <div className="page page--portal">
      <a className="back-link" href={routeHash({ name: 'client', clientId, tab: 'portal' })}>
        <Icon name="back" size={16} />
        {name ? `Back to ${name}` : 'Back to client'}
      </a>
      <div className="page__header">
        <div>
          <h1 ref={headingRef} className="page__title" tabIndex={-1}>
            {PRODUCT_TEXTS.customerPortal}
          </h1>
          <p className="page__subtitle">
            {name ? (
              <>
                Requests sent to <strong className="page__subject">{name}</strong> through the Customer
                Portal, overdue first, then newest first.
              </>
            ) : (
              'Requests sent to this client through the Customer Portal, overdue first, then newest first.'
            )}
          </p>
        </div>
        <button
          type="button"
          className="button button--primary"
          disabled={!profile}
          onClick={() => setSending(true)}
        >
          <Icon name="plus" size={16} />
          {PRODUCT_TEXTS.sendNewRequest}
        </button>
      </div>
      <section className="card" aria-labelledby="portal-requests-title">
        <header className="card__header">
          <h2 id="portal-requests-title" className="card__title">
            Requests
          </h2>
          {status === 'ready' && requests.length > 0 && (
            <span className="card__count">{plural(requests.length, 'request', 'requests')}</span>
          )}
        </header>
        {unavailable ? (
          <EmptyState icon="lock" title="This client’s record isn’t available">
            <p>It may not be shared with your agency, or your access to it has ended.</p>
          </EmptyState>
        ) : status === 'error' ? (
          <EmptyState icon="warning" title="Requests could not be loaded" tone="danger">
            <p>{error}</p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void openRequests(clientId)}
            >
              Try again
            </button>
          </EmptyState>
        ) : status !== 'ready' ? (
          <RequestsSkeleton rows={4} />
        ) : requests.length === 0 ? (
          <EmptyState icon="portal" title="No requests sent to this client yet.">
            <p>
              Use {PRODUCT_TEXTS.sendNewRequest} to ask {name ?? 'the client'} for an assessment, a document,
              their location or a Release of Information.
            </p>
          </EmptyState>
        ) : (
          <RequestTable clientId={clientId} requests={requests} />
        )}
      </section>
      {sending && profile && (
        <SendRequestDialog
          clientId={clientId}
          clientName={fullName(profile.client)}
          onClose={() => setSending(false)}
          onReviewRoi={() => {
            setSending(false);
            navigate({ name: 'client', clientId, tab: 'roi' });
          }}
        />
      )}
    </div>
  );
}

export function RequestsSkeleton({ rows }: { rows: number }) {
  return (
    <ul className="skeleton-list" aria-busy="true" aria-label="Loading requests">
      {Array.from({ length: rows }, (_, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders with nothing to tell them apart.
        <li key={n} className="skeleton-row skeleton-row--request">
          <span className="skeleton skeleton--short" />
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--short" />
        </li>
      ))}
    </ul>
  );
}
