import { forwardRef, type KeyboardEvent } from 'react';
import { Icon } from '../../components/Icon';
import { useClientSearchStore } from '../../stores/client-search-store';
import { useNavigationStore } from '../../stores/navigation-store';

interface ClientSearchBoxProps {
  resultsId: string;
  onArrowDown(): void;
}

/** Opens the profile when the answer to what is in the box now is exactly one client. */
function openOnlyMatch(): void {
  const { query, resultsFor, results, status, setLastOpened } = useClientSearchStore.getState();
  const [only] = results;
  if (status !== 'ready' || !resultsFor || resultsFor !== query.trim() || results.length !== 1 || !only)
    return;
  setLastOpened(only.id);
  useNavigationStore.getState().navigate({ name: 'client', clientId: only.id });
}

export const ClientSearchBox = forwardRef<HTMLInputElement, ClientSearchBoxProps>(function ClientSearchBox(
  { resultsId, onArrowDown },
  ref,
) {
  const query = useClientSearchStore((state) => state.query);
  const setQuery = useClientSearchStore((state) => state.setQuery);
  const refresh = useClientSearchStore((state) => state.refresh);
  const loading = useClientSearchStore((state) => state.status === 'loading');

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      onArrowDown();
    } else if (event.key === 'Enter') {
      // Staff who press Enter expect the answer now, not after the typing pause; when only one
      // client matches, that is the one they meant.
      event.preventDefault();
      void refresh().then(openOnlyMatch);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  return (
    <div className="search">
      <label htmlFor="client-search" className="visually-hidden">
        Search clients
      </label>
      <Icon name="search" size={20} className="search__icon" />
      <input
        id="client-search"
        ref={ref}
        className="search__input"
        type="search"
        placeholder="Search by name or date of birth"
        autoComplete="off"
        spellCheck={false}
        value={query}
        aria-controls={resultsId}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {loading && <span className="spinner search__spinner" aria-hidden="true" />}
      {query && !loading && (
        <button
          type="button"
          className="icon-button icon-button--sm search__clear"
          aria-label="Clear search"
          onClick={() => {
            setQuery('');
            if (ref && typeof ref !== 'function') ref.current?.focus();
          }}
        >
          <Icon name="close" size={16} />
        </button>
      )}
    </div>
  );
});
