import { create } from 'zustand';
import type { ClientSummary } from '../../../shared/domain/views';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

/** Enough rows for a page of names; past this the person should narrow the search instead. */
export const SEARCH_LIMIT = 100;
const DEBOUNCE_MS = 200;

type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ClientSearchState {
  query: string;
  /** The query the results answer, which lags `query` while typing. */
  resultsFor: string;
  results: ClientSummary[];
  status: SearchStatus;
  error: string | null;
  /** The row the arrow keys are on; kept when a profile is opened so Back lands on it. */
  activeIndex: number;
  /** The client whose profile was opened from the list, so coming back focuses that row. */
  lastOpenedId: string | null;
  setLastOpened(clientId: string | null): void;
  setQuery(query: string): void;
  setActiveIndex(index: number): void;
  /** Runs the current query now: first load, and after the cache changed. */
  refresh(): Promise<void>;
  reset(): void;
}

let debounceTimer: ReturnType<typeof setTimeout> | null = null;
// Answers can arrive out of order; only the newest question's answer is shown.
let latestRequest = 0;

export const useClientSearchStore = create<ClientSearchState>()((set, get) => ({
  query: '',
  resultsFor: '',
  results: [],
  status: 'idle',
  error: null,
  activeIndex: 0,
  lastOpenedId: null,

  setLastOpened(clientId) {
    set({ lastOpenedId: clientId });
  },

  setQuery(query) {
    set({ query });
    if (debounceTimer) clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => {
      debounceTimer = null;
      void get().refresh();
    }, DEBOUNCE_MS);
  },

  setActiveIndex(index) {
    set({ activeIndex: index });
  },

  async refresh() {
    const query = get().query.trim();
    const request = ++latestRequest;
    // Rows already on screen stay while a refresh runs, so a background sync does not flicker.
    if (get().status !== 'ready' || get().resultsFor !== query) set({ status: 'loading' });
    try {
      const results = await bridge.clients.search({ query, limit: SEARCH_LIMIT });
      if (request !== latestRequest) return;
      const sameQuery = get().resultsFor === query;
      set({
        results,
        resultsFor: query,
        status: 'ready',
        error: null,
        activeIndex: sameQuery ? Math.min(get().activeIndex, Math.max(0, results.length - 1)) : 0,
      });
    } catch (error) {
      if (request !== latestRequest) return;
      set({ status: 'error', error: messageOf(error) });
    }
  },

  reset() {
    if (debounceTimer) clearTimeout(debounceTimer);
    latestRequest++;
    set({
      query: '',
      resultsFor: '',
      results: [],
      status: 'idle',
      error: null,
      activeIndex: 0,
      lastOpenedId: null,
    });
  },
}));
