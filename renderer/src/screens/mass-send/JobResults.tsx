import { useState } from 'react';
import { MASS_SEND_SKIP_TEXTS, type MassSendResult } from '../../../../shared/domain/mass-send';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { routeHash } from '../../stores/navigation-store';

type Filter = 'all' | 'sent' | 'skipped';

/** Enough rows to scan; thousands more are a click away rather than all drawn at once. */
const PAGE = 200;

/** Per-client results: sent, or skipped with the reason in words. */
export function JobResults({ rows, running }: { rows: MassSendResult[]; running: boolean }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState(PAGE);
  const sent = rows.filter((row) => row.outcome === 'sent').length;
  const counts: Record<Filter, number> = { all: rows.length, sent, skipped: rows.length - sent };
  const visible = rows.filter((row) => filter === 'all' || row.outcome === filter);

  if (rows.length === 0) {
    return (
      <EmptyState
        icon="clients"
        title={running ? 'Results appear here as clients are processed.' : 'No results yet.'}
        compact
      />
    );
  }

  return (
    <>
      <div className="panel-toolbar">
        <fieldset className="segmented segmented--buttons">
          <legend className="visually-hidden">Show</legend>
          {(['all', 'sent', 'skipped'] as const).map((each) => (
            <button
              key={each}
              type="button"
              className="segmented__button"
              aria-pressed={filter === each}
              onClick={() => {
                setFilter(each);
                setShown(PAGE);
              }}
            >
              {each === 'all' ? 'All' : each === 'sent' ? 'Sent' : 'Skipped'}
              <span className="segmented__count">{counts[each]}</span>
            </button>
          ))}
        </fieldset>
        <p className="panel-toolbar__text">Each client received their own copy.</p>
      </div>
      <div className="table-scroll">
        <table className="data-table results-table">
          <caption className="visually-hidden">Results per client</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Result</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {visible.slice(0, shown).map((row) => (
              <tr key={row.clientId}>
                <td className="results-table__name">
                  <a href={routeHash({ name: 'client', clientId: row.clientId })}>{row.clientName}</a>
                </td>
                <td>
                  {row.outcome === 'sent' ? (
                    <span className="pill pill--ok">
                      <Icon name="check" size={12} />
                      Sent
                    </span>
                  ) : (
                    <span className="pill pill--warn">
                      <Icon name="skip" size={12} />
                      Skipped
                    </span>
                  )}
                </td>
                <td className="results-table__reason">
                  {row.reason ? MASS_SEND_SKIP_TEXTS[row.reason] : <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {visible.length > shown && (
        <div className="results-more">
          <button
            type="button"
            className="button button--secondary button--sm"
            onClick={() => setShown((n) => n + PAGE * 5)}
          >
            Show more ({visible.length - shown} more)
          </button>
        </div>
      )}
    </>
  );
}
