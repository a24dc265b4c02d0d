import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useNow } from '../../lib/use-now';
import { useClientSearchStore } from '../../stores/client-search-store';
import { ClientResults } from './ClientResults';
import { ClientSearchBox } from './ClientSearchBox';
import { resultsSummary } from './results-summary';

const RESULTS_ID = 'client-results';

export function ClientsScreen() {
  const results = useClientSearchStore((state) => state.results);
  const status = useClientSearchStore((state) => state.status);
  const resultsFor = useClientSearchStore((state) => state.resultsFor);
  const query = useClientSearchStore((state) => state.query);
  const activeIndex = useClientSearchStore((state) => state.activeIndex);
  const setActiveIndex = useClientSearchStore((state) => state.setActiveIndex);
  const searchRef = useRef<HTMLInputElement>(null);
  const rowRefs = useRef<(HTMLAnchorElement | null)[]>([]);
  const now = useNow(60_000);

  useEffect(() => {
    const store = useClientSearchStore.getState();
    if (store.status === 'idle') void store.refresh();
    // Back from a profile: land on the row that was opened, so the list reads where it left off.
    const openedIndex = store.lastOpenedId ? store.results.findIndex((c) => c.id === store.lastOpenedId) : -1;
    store.setLastOpened(null);
    const row = openedIndex >= 0 ? rowRefs.current[openedIndex] : null;
    if (row) {
      row.focus();
      row.scrollIntoView({ block: 'nearest' });
    } else {
      searchRef.current?.focus();
    }
  }, []);

  const focusRow = (index: number) => {
    const clamped = Math.max(0, Math.min(index, results.length - 1));
    const row = rowRefs.current[clamped];
    if (!row) return;
    setActiveIndex(clamped);
    row.focus();
    row.scrollIntoView({ block: 'nearest' });
  };

  const onRowKeyDown = (index: number, event: KeyboardEvent<HTMLAnchorElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) searchRef.current?.focus();
      else focusRow(index - 1);
    } else if (event.key === 'Home') {
      event.preventDefault();
      focusRow(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      focusRow(results.length - 1);
    } else if (
      event.key.length === 1 &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      event.key !== ' '
    ) {
      // Typing on the list goes to the search box, the way a file list's type-ahead feels.
      searchRef.current?.focus();
    }
  };

  const summary = resultsSummary(status, status === 'ready' ? resultsFor : query.trim(), results.length);

  return (
    <div className="page page--clients">
      <div className="page__header">
        <div>
          <h1 className="page__title">Clients</h1>
          <p className="page__subtitle">Find a client by name or date of birth to open their record.</p>
        </div>
      </div>
      <div className="clients-panel">
        <div className="clients-panel__toolbar">
          <ClientSearchBox ref={searchRef} resultsId={RESULTS_ID} onArrowDown={() => focusRow(activeIndex)} />
          <p className="clients-panel__summary" aria-live="polite">
            {summary}
          </p>
        </div>
        <ClientResults
          id={RESULTS_ID}
          now={now}
          rowRefs={rowRefs}
          onRowKeyDown={onRowKeyDown}
          onRetry={() => void useClientSearchStore.getState().refresh()}
        />
      </div>
    </div>
  );
}
