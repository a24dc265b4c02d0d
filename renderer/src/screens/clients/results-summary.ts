import { SEARCH_LIMIT } from '../../stores/client-search-store';

/** The line above the results: how many, and whether the list was cut at the limit. */
export function resultsSummary(status: string, query: string, count: number): string {
  if (status === 'loading' || status === 'idle') return query ? 'Searching…' : 'Loading clients…';
  if (status === 'error') return '';
  if (count >= SEARCH_LIMIT)
    return `Showing the first ${SEARCH_LIMIT}. Type more of a name to narrow the list.`;
  if (count === 0) return '';
  if (!query) return count === 1 ? '1 client' : `${count} clients`;
  return count === 1 ? '1 match' : `${count} matches`;
}
