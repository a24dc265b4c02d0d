import type { KeyboardEvent, RefObject } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useClientSearchStore } from '../../stores/client-search-store';
import { ClientRow } from './ClientRow';

interface ClientResultsProps {
  id: string;
  now: Date;
  rowRefs: RefObject<(HTMLAnchorElement | null)[]>;
  onRowKeyDown(index: number, event: KeyboardEvent<HTMLAnchorElement>): void;
  onRetry(): void;
}

export function ClientResults({ id, now, rowRefs, onRowKeyDown, onRetry }: ClientResultsProps) {
  const results = useClientSearchStore((state) => state.results);
  const status = useClientSearchStore((state) => state.status);
  const error = useClientSearchStore((state) => state.error);
  const resultsFor = useClientSearchStore((state) => state.resultsFor);
  const activeIndex = useClientSearchStore((state) => state.activeIndex);
  const setActiveIndex = useClientSearchStore((state) => state.setActiveIndex);
  const setLastOpened = useClientSearchStore((state) => state.setLastOpened);

  if (status === 'error') {
    return (
      <div id={id} className="clients-panel__body">
        <EmptyState icon="warning" title="Clients could not be loaded" tone="danger">
          <p>{error}</p>
          <button type="button" className="button button--secondary" onClick={onRetry}>
            Try again
          </button>
        </EmptyState>
      </div>
    );
  }

  if ((status === 'loading' || status === 'idle') && results.length === 0) {
    return (
      <div id={id} className="clients-panel__body" aria-busy="true">
        <ul className="skeleton-list" aria-hidden="true">
          {[0, 1, 2, 3, 4, 5].map((n) => (
            <li key={n} className="skeleton-row">
              <span className="skeleton-row__person">
                <span className="skeleton skeleton--circle" />
                <span className="skeleton skeleton--line" />
              </span>
              <span className="skeleton skeleton--line" />
              <span className="skeleton skeleton--line" />
            </li>
          ))}
        </ul>
      </div>
    );
  }

  if (results.length === 0) {
    return (
      <div id={id} className="clients-panel__body">
        {resultsFor ? (
          <EmptyState icon="search" title={`No clients match “${resultsFor}”`}>
            <p>
              Check the spelling, try fewer letters, or search by date of birth, such as 1984-03-02 or
              3/2/1984.
            </p>
          </EmptyState>
        ) : (
          <EmptyState icon="clients" title="No clients on this computer yet">
            <p>Clients appear here once Portico has synced with your agency server.</p>
          </EmptyState>
        )}
      </div>
    );
  }

  rowRefs.current.length = results.length;
  const tabStop = Math.min(activeIndex, results.length - 1);
  return (
    <div id={id} className="clients-panel__body">
      <div className="client-table__head" aria-hidden="true">
        <span>Name</span>
        <span>Date of birth</span>
        <span>Agency</span>
        <span>Sharing</span>
      </div>
      <ul className="client-table" aria-label="Clients">
        {results.map((client, index) => (
          <li key={client.id}>
            <ClientRow
              ref={(element) => {
                rowRefs.current[index] = element;
              }}
              client={client}
              now={now}
              tabIndex={index === tabStop ? 0 : -1}
              onFocus={() => setActiveIndex(index)}
              onKeyDown={(event) => onRowKeyDown(index, event)}
              onOpen={() => setLastOpened(client.id)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
