import { useState } from 'react';
import { fullName } from '../../../../shared/domain/names';
import { PORTAL_CONNECTION_LABELS, type PortalConnection } from '../../../../shared/domain/portal-connection';
import type { ClientProfile } from '../../../../shared/domain/views';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { formatDateTime, formatDay, formatRelativeTime } from '../../lib/format';
import { InviteLink } from './InviteLink';
import { NudgesSection } from './NudgesSection';
import { type PortalAction, usePortalConnection } from './use-portal-connection';

const PILL_TONES: Record<PortalConnection['state'], string> = {
  not_connected: 'pill--muted',
  invite_pending: 'pill--warn',
  connected: 'pill--ok',
};

const BUSY_LABELS: Record<PortalAction, string> = {
  invite: 'Creating the link…',
  cancelInvite: 'Cancelling…',
  disconnect: 'Disconnecting…',
  fetchLink: 'Getting the link…',
};

/**
 * The client's Customer Portal account: Not Connected → Send invite → Invite Pending (resend,
 * cancel) → Connected. Disconnect sits apart at the bottom, behind a confirmation, so it is not
 * clicked on the way to something else. Only staff who may edit the record see the actions.
 * Portico sends nothing itself: an invite is a link the staff member gives the client, and Copy
 * link brings it back while the invitation is pending.
 */
export function PortalConnectionCard({ profile, now }: { profile: ClientProfile; now: Date }) {
  const { client } = profile;
  const { state, busy, actionError, act, fetchLink, retry, clearError } = usePortalConnection(
    client.id,
    client.portalConnected,
  );
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);
  // Whether the link on screen came from Copy link, which copies it as it arrives.
  const [fetched, setFetched] = useState(false);
  // Said once to screen readers when a link is made; the state text below changes every minute.
  const [announcement, setAnnouncement] = useState('');
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

      {connection && <StateText connection={connection} now={now} clientName={name} />}

      {connection?.state === 'invite_pending' && connection.inviteUrl && connection.invite && (
        <InviteLink
          url={connection.inviteUrl}
          expiresAt={connection.invite.expiresAt}
          clientName={name}
          copyOnShow={fetched}
        />
      )}

      {connection?.state === 'invite_pending' &&
        !connection.inviteUrl &&
        profile.editable &&
        (connection.invite?.linkAvailable ? (
          <div className="portal-connection__actions">
            <button
              type="button"
              className="button button--primary button--sm"
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
              {busy === 'fetchLink' ? BUSY_LABELS.fetchLink : 'Copy link'}
            </button>
          </div>
        ) : (
          <p className="portal-connection__hint">
            This link was shown once, when it was created, and cannot be shown again. Resend the invite to
            make a new link.
          </p>
        ))}

      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>

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
              onClick={() => {
                setFetched(false);
                void act('invite').then((done) => {
                  if (done) setAnnouncement(`Invitation link created: give it to ${name}.`);
                });
              }}
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
                onClick={() => {
                  setFetched(false);
                  void act('invite').then((done) => {
                    if (done) setAnnouncement(`New invitation link created: give it to ${name}.`);
                  });
                }}
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

      {connection?.state === 'connected' && (
        <NudgesSection clientId={client.id} clientName={name} editable={profile.editable} />
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

function StateText({
  connection,
  now,
  clientName,
}: {
  connection: PortalConnection;
  now: Date;
  clientName: string;
}) {
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
    // Nothing was sent: Portico made a link, and someone has to give it to the client.
    return (
      <p className="portal-connection__text">
        Invitation link created{' '}
        <time dateTime={sentAt} title={formatDateTime(sentAt)}>
          {formatRelativeTime(sentAt, now)}
        </time>
        {sentBy && ` by ${sentBy}`}
        {expired ? '. ' : `: give it to ${clientName}. `}
        {expired ? (
          <strong className="portal-connection__expired">
            It expired {formatDay(expiresAt)}. Send a new invite to make a new link.
          </strong>
        ) : expiryShownWithLink ? null : (
          <>
            It works until <time dateTime={expiresAt}>{formatDateTime(expiresAt)}</time>.
          </>
        )}
      </p>
    );
  }
  return (
    <p className="portal-connection__text">
      Not connected yet. Send invite makes a link for you to give the client (by text, email or in person);
      they open it on their phone, set a password and join.
    </p>
  );
}
