import { useState } from 'react';
import { fullName } from '../../../../shared/domain/names';
import { PORTAL_CONNECTION_LABELS, type PortalConnection } from '../../../../shared/domain/portal-connection';
import type { ClientProfile } from '../../../../shared/domain/views';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { formatDateTime, formatDay, formatRelativeTime } from '../../lib/format';
import { InviteLink } from './InviteLink';
import { type PortalAction, usePortalConnection } from './use-portal-connection';

const PILL_TONES: Record<PortalConnection['state'], string> = {
  not_connected: 'pill--muted',
  invite_pending: 'pill--warn',
  connected: 'pill--ok',
};

const BUSY_LABELS: Record<PortalAction, string> = {
  invite: 'Sending…',
  cancelInvite: 'Cancelling…',
  disconnect: 'Disconnecting…',
};

/**
 * The client's Customer Portal account: Not Connected → Send invite → Invite Pending (resend,
 * cancel) → Connected. Disconnect sits apart at the bottom, behind a confirmation, so it is not
 * clicked on the way to something else. Only staff who may edit the record see the actions.
 */
export function PortalConnectionCard({ profile, now }: { profile: ClientProfile; now: Date }) {
  const { client } = profile;
  const { state, busy, actionError, act, retry, clearError } = usePortalConnection(
    client.id,
    client.portalConnected,
  );
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);
  const connection = state.status === 'ready' ? state.connection : null;
  const name = fullName(client);

  return (
    <section
      className="portal-connection"
      aria-labelledby="portal-connection-title"
      aria-busy={state.status === 'loading'}
    >
      <header className="portal-connection__head">
        <h2 id="portal-connection-title" className="portal-connection__title">
          <Icon name="portal" size={16} />
          Customer Portal
        </h2>
        {connection && (
          <span className={`pill ${PILL_TONES[connection.state]}`}>
            {connection.state === 'connected' && <Icon name="check" size={12} />}
            {connection.state === 'invite_pending' && <Icon name="clock" size={12} />}
            {PORTAL_CONNECTION_LABELS[connection.state]}
          </span>
        )}
      </header>

      {state.status === 'loading' && (
        <div className="portal-connection__loading">
          <span className="visually-hidden">Checking the Customer Portal account…</span>
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--short" />
        </div>
      )}

      {state.status === 'error' && (
        <div className="portal-connection__problem">
          <p className="portal-connection__text">
            <Icon name="cloudOff" size={16} />
            {state.error}
          </p>
          <button type="button" className="button button--secondary button--sm" onClick={retry}>
            Try again
          </button>
        </div>
      )}

      {connection && <StateText connection={connection} now={now} />}

      {connection?.state === 'invite_pending' && connection.inviteUrl && connection.invite && (
        <InviteLink url={connection.inviteUrl} expiresAt={connection.invite.expiresAt} clientName={name} />
      )}

      {actionError && (
        <p className="alert alert--error portal-connection__error" role="alert">
          {actionError}
        </p>
      )}

      {connection && profile.editable && connection.state !== 'connected' && (
        <div className="portal-connection__actions">
          {connection.state === 'not_connected' ? (
            <button
              type="button"
              className="button button--primary button--sm"
              disabled={busy !== null}
              aria-busy={busy === 'invite'}
              onClick={() => void act('invite')}
            >
              {busy === 'invite' ? (
                <span className="spinner" aria-hidden="true" />
              ) : (
                <Icon name="send" size={15} />
              )}
              {busy === 'invite' ? BUSY_LABELS.invite : 'Send invite'}
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button button--secondary button--sm"
                disabled={busy !== null}
                aria-busy={busy === 'invite'}
                aria-describedby="portal-resend-hint"
                onClick={() => void act('invite')}
              >
                {busy === 'invite' ? (
                  <span className="spinner" aria-hidden="true" />
                ) : (
                  <Icon name="refresh" size={15} />
                )}
                {busy === 'invite' ? BUSY_LABELS.invite : 'Resend invite'}
              </button>
              <button
                type="button"
                className="button button--ghost button--sm"
                disabled={busy !== null}
                aria-busy={busy === 'cancelInvite'}
                onClick={() => void act('cancelInvite')}
              >
                {busy === 'cancelInvite' ? BUSY_LABELS.cancelInvite : 'Cancel invite'}
              </button>
              <p id="portal-resend-hint" className="portal-connection__hint">
                Resending makes a new link; the link sent before stops working.
              </p>
            </>
          )}
        </div>
      )}

      {connection?.state === 'connected' && profile.editable && (
        // Apart from everything else, at the bottom and quiet: it cuts the client off.
        <div className="portal-connection__danger">
          <button
            type="button"
            className="button button--ghost button--sm button--danger-text"
            disabled={busy !== null}
            onClick={() => {
              clearError();
              setConfirmingDisconnect(true);
            }}
          >
            <Icon name="close" size={15} />
            Disconnect…
          </button>
        </div>
      )}

      {connection && !profile.editable && (
        <p className="portal-connection__hint">
          Only staff at {profile.agencyName} can invite or disconnect.
        </p>
      )}

      {confirmingDisconnect && (
        <ConfirmDialog
          title={`Disconnect ${name} from the Customer Portal?`}
          message={
            <>
              <p>
                {client.firstName || name} will no longer be able to sign in to the Customer Portal, and any
                session open there ends now.
              </p>
              <p className="alert-dialog__hint">
                Their messages and records stay on their record. You can send a new invite later.
              </p>
            </>
          }
          cancelLabel="Keep connected"
          confirmLabel="Disconnect"
          busy={busy === 'disconnect'}
          error={actionError}
          onCancel={() => {
            clearError();
            setConfirmingDisconnect(false);
          }}
          onConfirm={() =>
            void act('disconnect').then((done) => {
              if (done) setConfirmingDisconnect(false);
            })
          }
        />
      )}
    </section>
  );
}

function StateText({ connection, now }: { connection: PortalConnection; now: Date }) {
  if (connection.state === 'connected' && connection.account) {
    return (
      <p className="portal-connection__text">
        Signs in as <strong className="portal-connection__username">{connection.account.username}</strong>,
        connected since{' '}
        <time dateTime={connection.account.connectedAt}>{formatDay(connection.account.connectedAt)}</time>.
      </p>
    );
  }
  if (connection.state === 'invite_pending' && connection.invite) {
    const { sentAt, expiresAt, sentBy } = connection.invite;
    const expired = new Date(expiresAt).getTime() <= now.getTime();
    // With the link on screen its expiry is said beside it, once.
    const expiryShownWithLink = connection.inviteUrl !== null && !expired;
    return (
      <p className="portal-connection__text">
        Invite sent{' '}
        <time dateTime={sentAt} title={formatDateTime(sentAt)}>
          {formatRelativeTime(sentAt, now)}
        </time>
        {sentBy && ` by ${sentBy}`}.{' '}
        {expired ? (
          <strong className="portal-connection__expired">The invite expired {formatDay(expiresAt)}.</strong>
        ) : expiryShownWithLink ? null : (
          <>
            It expires <time dateTime={expiresAt}>{formatDateTime(expiresAt)}</time>.
          </>
        )}
      </p>
    );
  }
  return (
    <p className="portal-connection__text">
      Not connected yet. An invite gives the client a link to open on their phone, set a password and join.
    </p>
  );
}
