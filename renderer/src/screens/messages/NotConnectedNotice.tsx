import { useState } from 'react';
import { Icon } from '../../components/Icon';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { InviteLink } from '../profile/InviteLink';
import { usePortalConnection } from '../profile/use-portal-connection';

interface NotConnectedNoticeProps {
  clientId: string;
  clientName: string;
}

/**
 * Said before a message is written to a client with no Customer Portal account: they will see it
 * only once they connect. It offers what connects them: an invitation link to give them, made here
 * or copied again if one is pending. What the agency server says decides the offer; offline, or
 * for a client of another agency, its reason is shown instead.
 */
export function NotConnectedNotice({ clientId, clientName }: NotConnectedNoticeProps) {
  const { state, busy, actionError, act, fetchLink } = usePortalConnection(clientId, false);
  const [fetched, setFetched] = useState(false);
  const now = useNow(60_000);
  const connection = state.status === 'ready' ? state.connection : null;
  // The cache may not know yet that the client has just joined: then there is nothing to warn about.
  if (connection?.state === 'connected') return null;
  const invite = connection?.state === 'invite_pending' ? connection.invite : null;

  return (
    <section className="not-connected" aria-label="Not connected to the Customer Portal">
      <p className="not-connected__text">
        <Icon name="warning" size={16} />
        <span>
          <strong>{clientName} is not connected to the Customer Portal.</strong> They will see this message
          only once they connect.
        </span>
      </p>
      {state.status === 'error' && <p className="not-connected__hint">{state.error}</p>}
      {connection?.state === 'not_connected' && (
        <div className="not-connected__offer">
          <p className="not-connected__hint">
            An invitation link lets them join from their phone. Nothing is sent: you give them the link.
          </p>
          <button
            type="button"
            className="button button--secondary button--sm"
            disabled={busy !== null}
            aria-busy={busy === 'invite'}
            onClick={() => {
              setFetched(false);
              void act('invite');
            }}
          >
            {busy === 'invite' ? (
              <span className="spinner" aria-hidden="true" />
            ) : (
              <Icon name="portal" size={15} />
            )}
            {busy === 'invite' ? 'Creating the link…' : 'Create invitation link'}
          </button>
        </div>
      )}
      {invite && (
        <p className="not-connected__hint">
          Invitation link created{' '}
          <time dateTime={invite.sentAt} title={formatDateTime(invite.sentAt)}>
            {formatRelativeTime(invite.sentAt, now)}
          </time>
          {invite.sentBy && ` by ${invite.sentBy}`}; it works until{' '}
          <time dateTime={invite.expiresAt}>{formatDateTime(invite.expiresAt)}</time>.
        </p>
      )}
      {invite && connection?.inviteUrl && (
        <InviteLink
          url={connection.inviteUrl}
          expiresAt={invite.expiresAt}
          clientName={clientName}
          copyOnShow={fetched}
        />
      )}
      {invite &&
        !connection?.inviteUrl &&
        (invite.linkAvailable ? (
          <div className="not-connected__offer">
            <button
              type="button"
              className="button button--secondary button--sm"
              disabled={busy !== null}
              aria-busy={busy === 'fetchLink'}
              onClick={() => {
                setFetched(true);
                void fetchLink();
              }}
            >
              {busy === 'fetchLink' ? (
                <span className="spinner" aria-hidden="true" />
              ) : (
                <Icon name="copy" size={15} />
              )}
              {busy === 'fetchLink' ? 'Getting the link…' : 'Copy invitation link'}
            </button>
          </div>
        ) : (
          <p className="not-connected__hint">Resend the invite from their profile to make a new link.</p>
        ))}
      {actionError && (
        <p className="not-connected__error" role="alert">
          {actionError}
        </p>
      )}
    </section>
  );
}
