import type { Database } from '../db/database';

/** The channel the stamp trigger notifies on; payloads are table names. */
export const CHANGES_CHANNEL = 'portico_changes';

export type ChangeListener = (tables: ReadonlySet<string>) => void;

/**
 * Fans database change notifications out to this server instance's live streams. Because the
 * notifications come from PostgreSQL, every instance on one database hears every instance's writes.
 * Notifications arriving together are delivered as one batch so a burst costs one catch-up.
 */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private pending = new Set<string>();
  private scheduled = false;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Database,
    /** Every table that can change, used when notifications may have been missed. */
    private readonly allTables: readonly string[],
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(
      CHANGES_CHANNEL,
      (table) => this.enqueue([table]),
      () => this.enqueue(this.allTables),
    );
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private enqueue(tables: readonly string[]): void {
    for (const table of tables) this.pending.add(table);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.pending;
      this.pending = new Set();
      for (const listener of this.listeners) listener(batch);
    });
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.unlisten?.();
  }
}
