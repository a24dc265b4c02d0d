import { useEffect, useState } from 'react';
import { maskPhone, type NudgeSettingsView } from '../../../../shared/domain/nudges';
import { bridge } from '../../bridge';
import { Icon } from '../../components/Icon';
import { messageOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { NudgesDialog } from './NudgesDialog';

const CHANNEL_WORDS = { email: 'email', sms: 'SMS' } as const;

function summary(view: NudgeSettingsView): string {
  if (!view.available.email && !view.available.sms) return 'Off: this agency server sends no email or texts.';
  const parts: string[] = [];
  if (view.channel === 'email' || view.channel === 'both')
    parts.push(
      `email to ${view.email.value}${view.email.stoppedAt ? ' (unsubscribed)' : view.email.verified ? '' : ' (not verified)'}`,
    );
  if (view.channel === 'sms' || view.channel === 'both')
    parts.push(
      `text to ${maskPhone(view.phone.value)}${view.phone.stoppedAt ? ' (replied STOP)' : view.phone.verified ? '' : ' (not verified)'}`,
    );
  if (parts.length === 0) return 'None: the client is not told of new messages outside the portal.';
  return `By ${parts.join(' and ')}.`;
}

/**
 * How the client is nudged of new messages, under their portal connection: the channel and
 * addresses, when the last notice went, and the last failure the provider or mail server reported
 * ("Last SMS failed: number unreachable"), which staff can act on with the client.
 */
export function NudgesSection({
  clientId,
  clientName,
  editable,
}: {
  clientId: string;
  clientName: string;
  editable: boolean;
}) {
  const [view, setView] = useState<NudgeSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    let live = true;
    bridge.nudges.get({ clientId }).then(
      (answer) => live && setView(answer),
      (failure: unknown) => live && setError(messageOf(failure)),
    );
    return () => {
      live = false;
    };
  }, [clientId]);

  if (error) return <p className="portal-connection__hint">Notices: {error}</p>;
  if (!view) return null;
  return (
    <div className="nudges">
      <p className="nudges__summary">
        <Icon name="mail" size={15} />
        <span>
          <strong>Notices:</strong> {summary(view)}
          {view.lastSentAt && (
            <span className="nudges__when"> Last sent {formatDateTime(view.lastSentAt)}.</span>
          )}
        </span>
      </p>
      {view.lastFailures.map((failure) => (
        <p key={failure.channel} className="nudges__failure" role="status">
          <Icon name="warning" size={15} />
          <span>
            Last {CHANNEL_WORDS[failure.channel]} failed: {failure.reason}
            <span className="nudges__when">
              {' '}
              ({formatDateTime(failure.at)}
              {failure.retrying ? '; trying again' : ''})
            </span>
          </span>
        </p>
      ))}
      {editable && (view.available.email || view.available.sms) && (
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={() => setEditing(true)}
        >
          Change notices…
        </button>
      )}
      {editing && (
        <NudgesDialog
          clientId={clientId}
          clientName={clientName}
          view={view}
          onClose={() => setEditing(false)}
          onChanged={setView}
        />
      )}
    </div>
  );
}
