/*
 * The rule for two edits of one client field made against the same earlier value (issue 14): the
 * edit made later wins, whichever reached the server first. Pure, so it is tested on its own
 * (test/unit/server/client-field-merge.test.ts); collections/clients.ts applies it in the push.
 */

/** A field's value on the server and the edit that made it. */
export interface FieldOnServer<V> {
  value: V;
  /** When the edit that made this value happened (ms since 1970), as the server recorded it. */
  editedAt: number;
  /** The staff member who made it; null when unknown (set before edit times were kept, or seeded). */
  editedBy: string | null;
}

/** One field of a push: the value the desktop started from, the value it wants, and when. */
export interface PushedFieldEdit<V> {
  from: V;
  value: V;
  /** The edit time after clampEditTime. */
  at: number;
}

export type FieldEditOutcome<V> =
  /** The field already holds the pushed value: nothing to write. */
  | { kind: 'unchanged' }
  /** Nobody changed the field since the desktop's starting value: the edit applies. */
  | { kind: 'applied' }
  /** Someone changed it meanwhile, earlier than this edit: this edit applies, theirs is replaced. */
  | { kind: 'won'; replaced: FieldOnServer<V> }
  /** Someone changed it meanwhile, later than (or at the same moment as) this edit: theirs stays. */
  | { kind: 'lost'; kept: FieldOnServer<V> };

/** Edit times before this are a desktop clock that lost its setting, not a real time. */
const EARLIEST_EDIT_TIME = Date.UTC(2000, 0, 1);

/**
 * The edit time the server uses for a desktop's claimed one. The desktop's clock cannot be trusted
 * blindly: a clock set in the future would make every edit from that laptop win every concurrent
 * edit, for as long as the clock stays wrong, so no edit is taken as later than the moment the
 * server received it (`receivedAt`). An edit made offline keeps its earlier, real time. A claimed
 * time before 2000 (a clock reset to its epoch) counts as 2000: it only makes the edit lose.
 */
export function clampEditTime(claimed: string, receivedAt: number): number {
  const at = Date.parse(claimed);
  if (Number.isNaN(at)) return EARLIEST_EDIT_TIME;
  return Math.max(EARLIEST_EDIT_TIME, Math.min(at, receivedAt));
}

/**
 * Decides one pushed field. The desktop edited `from`; if the server's value is still `from`,
 * nobody else changed it and the edit applies. Otherwise two edits were made against the same
 * earlier value, and the later by edit time wins, whichever desktop pushed first. On an exact tie
 * (to the millisecond) the value already on the server stays.
 */
export function resolveFieldEdit<V extends string | boolean>(
  current: FieldOnServer<V>,
  edit: PushedFieldEdit<V>,
): FieldEditOutcome<V> {
  if (edit.value === current.value) return { kind: 'unchanged' };
  if (edit.from === current.value) return { kind: 'applied' };
  if (edit.at > current.editedAt) return { kind: 'won', replaced: current };
  return { kind: 'lost', kept: current };
}
