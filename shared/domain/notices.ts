/**
 * Something the desktop did on its own that the staff member should know about (a damaged cache
 * replaced, unsent work that could not be read), shown until they dismiss it.
 */
export interface AppNotice {
  id: string;
  /** Short, plain words: what happened. */
  title: string;
  /** What it means for the person's work, and what (if anything) they should do. */
  message: string;
  /** For an administrator: where the damaged file was kept, and SQLite's own words. */
  detail: string | null;
  at: string;
}
