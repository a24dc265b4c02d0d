import type { Database } from '../db/database';

/** The channel the stamp trigger notifies on; payloads are table names. */
export const CHANGES_CHANNEL = 'portico_changes';

export type ChangeListener = (tables: ReadonlySet<string>) => void;

/** How long to wait before looking again whether held-back changes were released. */
const HELD_POLL_MS = [2, 5, 10, 20, 50] as const;

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
  /**
   * Tables with changes a pull may not have been able to return yet: they were written by a
   * transaction that committed while an older one was still running, so they sit above the release
   * watermark (migration 012). The older transaction may end without any notification (it wrote
   * nothing replicated, or rolled back), so the feed looks again until the watermark has passed
   * `horizon` (the next transaction id when the batch was heard) and then delivers them once more.
   */
  private held: { tables: Set<string>; horizon: number } | undefined;
  private heldTimer: NodeJS.Timeout | undefined;
  private heldAttempt = 0;
  private stopped = false;

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
      void this.holdIfNotReleased(batch);
    });
  }

  private async holdIfNotReleased(batch: ReadonlySet<string>): Promise<void> {
    const watermark = await this.watermark();
    if (!watermark || watermark.release >= watermark.horizon) return;
    const held = this.held ?? { tables: new Set<string>(), horizon: 0 };
    for (const table of batch) held.tables.add(table);
    held.horizon = Math.max(held.horizon, watermark.horizon);
    this.held = held;
    this.scheduleHeldCheck();
  }

  private scheduleHeldCheck(): void {
    if (this.heldTimer || this.stopped) return;
    const delay = HELD_POLL_MS[Math.min(this.heldAttempt, HELD_POLL_MS.length - 1)];
    this.heldAttempt += 1;
    this.heldTimer = setTimeout(() => void this.checkHeld(), delay);
  }

  private async checkHeld(): Promise<void> {
    this.heldTimer = undefined;
    const held = this.held;
    if (!held || this.stopped) return;
    const watermark = await this.watermark();
    if (watermark && watermark.release >= held.horizon) {
      this.held = undefined;
      this.heldAttempt = 0;
      this.enqueue([...held.tables]);
      return;
    }
    this.scheduleHeldCheck();
  }

  /** The release watermark and the next transaction id, or undefined when the database is away. */
  private async watermark(): Promise<{ release: number; horizon: number } | undefined> {
    if (this.stopped) return undefined;
    try {
      const result = await this.db.query<{ release: number; horizon: number }>(
        'SELECT portico_release() AS release, pg_snapshot_xmax(pg_current_snapshot()) AS horizon',
      );
      return result.rows[0];
    } catch {
      // Closing, or the connection dropped: the reconnect tells every listener to catch up.
      return undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.listeners.clear();
    await this.unlisten?.();
  }
}
