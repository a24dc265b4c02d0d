import { useCallback, useEffect, useState } from 'react';
import { AUDIT_ACTION_GROUPS, type AuditEntryView } from '../../../../shared/domain/audit';
import { bridge } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { messageOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { actionWords, detailWords } from './audit-text';

const PAGE_SIZE = 100;

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

/**
 * The agency's audit log for agency admins: every view, send, fulfilment and change, newest first,
 * with who, when and from where. It is read from the agency server, so it needs a connection.
 */
export function AuditLogScreen() {
  const [action, setAction] = useState('');
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const read = useCallback(
    async (before: number | undefined) => {
      setLoad({ status: 'loading' });
      try {
        const page = await bridge.audit.list({ action: action || undefined, before, limit: PAGE_SIZE });
        setEntries((current) => (before ? [...current, ...page.entries] : page.entries));
        setNextBefore(page.nextBefore);
        setLoad({ status: 'ready' });
      } catch (error) {
        setLoad({ status: 'error', message: messageOf(error) });
      }
    },
    [action],
  );

  useEffect(() => {
    void read(undefined);
  }, [read]);

  return (
    <div className="page page--audit">
      <div className="page__header">
        <div>
          <h1 className="page__title">Audit log</h1>
          <p className="page__subtitle">
            Every view of a client record, every send, answer and change at your agency, newest first. Entries
            cannot be changed or removed.
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="audit-title">
        <header className="card__header audit__filters">
          <h2 id="audit-title" className="visually-hidden">
            Entries
          </h2>
          <label className="field field--inline" htmlFor="audit-action">
            <span className="field__label">Show</span>
            <select
              id="audit-action"
              className="input"
              value={action}
              onChange={(event) => setAction(event.target.value)}
            >
              <option value="">Everything</option>
              {AUDIT_ACTION_GROUPS.map((group) => (
                <option key={group.prefix} value={group.prefix}>
                  {group.label}
                </option>
              ))}
            </select>
          </label>
        </header>
        {load.status === 'error' && entries.length === 0 ? (
          <EmptyState icon="warning" title="The audit log could not be read" tone="danger" compact>
            <p>{load.message}</p>
            <button
              type="button"
              className="button button--secondary button--sm"
              onClick={() => void read(undefined)}
            >
              Try again
            </button>
          </EmptyState>
        ) : entries.length === 0 && load.status === 'ready' ? (
          <EmptyState icon="shield" title="Nothing recorded yet for this choice." compact />
        ) : (
          <div className="table-scroll">
            <table className="data-table audit-table" aria-busy={load.status === 'loading'}>
              <caption className="visually-hidden">Audit log entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Client</th>
                  <th scope="col">Details</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="audit-table__when">
                      <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                    </td>
                    <td>
                      {entry.actor.name || 'Unknown'}
                      {entry.actor.kind === 'client' && <span className="muted"> (client)</span>}
                    </td>
                    <td>{actionWords(entry.action)}</td>
                    <td>{entry.clientName ?? (entry.clientId ? 'Not on your client list' : '—')}</td>
                    <td className="audit-table__details">{detailWords(entry)}</td>
                    <td className="audit-table__from muted">{entry.ip || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {load.status === 'error' && entries.length > 0 && (
          <p className="inline-error" role="alert">
            {load.message}
          </p>
        )}
        {nextBefore !== null && (
          <div className="audit__more">
            <button
              type="button"
              className="button button--secondary"
              disabled={load.status === 'loading'}
              onClick={() => void read(nextBefore)}
            >
              {load.status === 'loading' ? 'Loading…' : 'Show older entries'}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
