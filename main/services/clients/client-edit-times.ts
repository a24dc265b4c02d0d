import type { ClientDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import {
  EDITABLE_CLIENT_FIELDS,
  type EditableClientField,
  type FieldEdit,
  type PushRow,
} from '../../../shared/replication/protocol';
import type { CacheDatabase } from '../cache/open-cache';

type EditTimes = Record<string, Partial<Record<EditableClientField, string>>>;

interface EditTimesDoc {
  times: EditTimes;
}

const EDIT_TIMES_ID = 'client-edit-times';

/**
 * When this desktop's staff member last changed each field of a client, for fields not yet in step
 * with the server. A push sends, per changed field, the value the desktop started from and this
 * time, so the server can keep the later of two concurrent edits of one field (docs/architecture.md,
 * "Concurrent edits"). Kept in the cache's local documents, beside the pending-changes list, so it
 * survives a restart while the edit waits offline.
 */
export class ClientEditTimes {
  private times: EditTimes = {};
  private loaded: Promise<void> | undefined;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: CacheDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records that `fields` of client `id` were changed now. Resolves once it is on disk: callers
   * await it before writing the edit, so an edit is never pushed without its time.
   */
  async recordEdit(id: string, fields: readonly EditableClientField[]): Promise<void> {
    if (fields.length === 0) return;
    await this.load();
    const at = this.now().toISOString();
    const own = { ...this.times[id] };
    for (const field of fields) own[field] = at;
    this.times = { ...this.times, [id]: own };
    await this.persist();
  }

  /**
   * Adds `fieldEdits` to pushed client rows: every field whose value differs from the server state
   * the desktop edited (RxDB's assumed master state, which stays the state the edit started from
   * until the server answers), with that starting value and the recorded edit time. A field without
   * a recorded time (its record lost) gets the push's own time, which the server caps at its receipt.
   * Times of fields now in step with the server are dropped.
   */
  async prepare(rows: PushRow<'clients'>[]): Promise<PushRow<'clients'>[]> {
    await this.load();
    let pruned = false;
    const prepared = rows.map((row) => {
      const base = row.assumedMasterState;
      if (!base) return row;
      const edited = fieldEditsOf(
        row.newDocumentState,
        base,
        this.times[row.newDocumentState.id] ?? {},
        this.now(),
      );
      const known = this.times[row.newDocumentState.id];
      if (known) {
        const kept = Object.fromEntries(Object.entries(known).filter(([field]) => field in edited));
        if (Object.keys(kept).length !== Object.keys(known).length) {
          pruned = true;
          const { [row.newDocumentState.id]: _dropped, ...others } = this.times;
          this.times = Object.keys(kept).length > 0 ? { ...others, [row.newDocumentState.id]: kept } : others;
        }
      }
      return { ...row, fieldEdits: edited };
    });
    if (pruned) await this.persist();
    return prepared;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const doc = await this.db.getLocal<EditTimesDoc>(EDIT_TIMES_ID);
      if (doc) this.times = { ...doc.toJSON().data.times, ...this.times };
    })();
    return this.loaded;
  }

  private persist(): Promise<unknown> {
    const snapshot = this.times;
    // A failed write fails its own caller; the next one still runs.
    this.writes = this.writes
      .catch(() => undefined)
      .then(() => this.db.upsertLocal<EditTimesDoc>(EDIT_TIMES_ID, { times: snapshot }));
    return this.writes;
  }
}

/** The changed fields of a pushed client, each with its starting value and edit time. */
export function fieldEditsOf(
  next: WithDeletedFlag<ClientDoc>,
  base: WithDeletedFlag<ClientDoc>,
  times: Partial<Record<EditableClientField, string>>,
  now: Date,
): Record<string, FieldEdit> {
  const edits: Record<string, FieldEdit> = {};
  for (const field of EDITABLE_CLIENT_FIELDS) {
    if (next[field] === base[field]) continue;
    edits[field] = { from: base[field], at: times[field] ?? now.toISOString() };
  }
  return edits;
}
