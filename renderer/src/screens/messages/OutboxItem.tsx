import { useState } from 'react';
import type { OutboxEntry } from '../../../../shared/domain/messaging';
import { ConfirmInline } from '../../components/ConfirmInline';
import { Icon } from '../../components/Icon';
import { messageOf } from '../../lib/errors';
import { formatRelativeTime } from '../../lib/format';
import { useThreadStore } from '../../stores/thread-store';
import { MessageBody } from './MessageBody';

/** A message written here that the agency server has not accepted: waiting, or refused with why. */
export function OutboxItem({ entry, now }: { entry: OutboxEntry; now: Date }) {
  const retry = useThreadStore((state) => state.retry);
  const discard = useThreadStore((state) => state.discard);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const failed = entry.state === 'failed';

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(messageOf(caught));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={`message message--staff message--outbox${failed ? ' message--failed' : ''}`}>
      <header className="message__header">
        <span className="message__sender">You</span>
        {failed ? (
          <span className="pill pill--danger">
            <Icon name="warning" size={13} />
            Not delivered
          </span>
        ) : (
          <span className="pill pill--waiting">
            {entry.state === 'sending' ? (
              <span className="spinner spinner--xs" aria-hidden="true" />
            ) : (
              <Icon name="clock" size={13} />
            )}
            Waiting to send
          </span>
        )}
        <time className="message__time" dateTime={entry.createdAt}>
          Written {formatRelativeTime(entry.createdAt, now)}
        </time>
      </header>
      <MessageBody html={entry.html} />
      {failed && (
        <footer className="message__problem">
          <p className="message__error">{entry.error ?? 'The agency server did not accept this message.'}</p>
          {error && (
            <p className="message__error" role="alert">
              {error}
            </p>
          )}
          <div className="message__actions">
            {confirming ? (
              <ConfirmInline
                message="Discard this message? It will not be sent."
                cancelLabel="Keep"
                confirmLabel="Discard message"
                busy={busy}
                onCancel={() => setConfirming(false)}
                onConfirm={() => void act(() => discard(entry.id))}
              />
            ) : (
              <>
                <button
                  type="button"
                  className="button button--secondary button--sm"
                  disabled={busy}
                  onClick={() => void act(() => retry(entry.id))}
                >
                  <Icon name="refresh" size={16} />
                  Retry
                </button>
                <button
                  type="button"
                  className="button button--ghost button--sm button--danger-text"
                  disabled={busy}
                  onClick={() => setConfirming(true)}
                >
                  <Icon name="trash" size={16} />
                  Discard
                </button>
              </>
            )}
          </div>
        </footer>
      )}
    </article>
  );
}
