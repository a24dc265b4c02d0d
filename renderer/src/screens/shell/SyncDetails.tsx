import { useId } from 'react';
import type { SyncStatus } from '../../../../shared/domain/views';
import type { BridgeConnectionState } from '../../bridge';
import { formatRelativeTime, formatTime, plural } from '../../lib/format';
import { useSyncStore } from '../../stores/sync-store';
import { collectionName, lastSyncedText, presentSync } from './sync-text';

interface SyncDetailsProps {
  status: SyncStatus | null;
  connection: BridgeConnectionState;
  now: Date;
}

/** The sync popover's content: what state sync is in, what is waiting, and what was refused. */
export function SyncDetails({ status, connection, now }: SyncDetailsProps) {
  const refusalsTitleId = useId();
  const requestError = useSyncStore((state) => state.requestError);
  const shown = presentSync(status, connection);
  const pending = status?.pendingChanges ?? 0;
  const refusals = status?.refusals ?? [];
  const explanation =
    connection !== 'open'
      ? 'Portico is reconnecting to its services on this computer.'
      : (status?.message ?? defaultExplanation(status));

  return (
    <div className="sync-details">
      <div className="sync-details__head">
        <h2 className="sync-details__title">{shown.label}</h2>
        {explanation && <p className="sync-details__message">{explanation}</p>}
      </div>
      <dl className="sync-details__facts">
        <div>
          <dt>Last synced</dt>
          <dd>{lastSyncedText(status, now).replace(/^Last synced /, '')}</dd>
        </div>
        <div>
          <dt>Waiting to sync</dt>
          <dd>{pending > 0 ? plural(pending, 'change', 'changes') : 'Nothing'}</dd>
        </div>
      </dl>
      {requestError && (
        <p className="alert alert--error" role="alert">
          {requestError}
        </p>
      )}
      <section className="sync-details__refusals" aria-labelledby={refusalsTitleId}>
        <h3 id={refusalsTitleId} className="sync-details__subtitle">
          Changes the agency server did not accept
        </h3>
        {refusals.length === 0 ? (
          <p className="sync-details__none">None. Every change made on this computer was accepted.</p>
        ) : (
          <ul className="refusal-list">
            {refusals.map((refusal) => (
              <li key={refusal.id} className="refusal">
                <p className="refusal__message">{refusal.message}</p>
                <p className="refusal__meta">
                  {collectionName(refusal.collection)} ·{' '}
                  <time dateTime={refusal.at} title={formatTime(refusal.at)}>
                    {formatRelativeTime(refusal.at, now)}
                  </time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function defaultExplanation(status: SyncStatus | null): string | null {
  switch (status?.state) {
    case 'online':
      return 'Connected to the agency server. Changes sync as they happen.';
    case 'syncing':
      return 'Bringing this computer up to date with the agency server.';
    case 'connecting':
      return 'Reaching the agency server…';
    case 'offline':
      return 'Changes are saved on this computer and sync when the connection returns.';
    case 'error':
      return 'Sync stopped because of a problem. Portico will try again.';
    default:
      return null;
  }
}
