import type { AgencyClient } from '../api/agency-client';
import type { CacheDatabase } from '../cache/open-cache';

/** One look at a client's record on this desktop. */
export interface RecordView {
  clientId: string;
  viewedAt: string;
  /** What was looked at: the profile, a record tab, a document. */
  what: string;
}

const QUEUE_ID = 'audit-views';
const FLUSH_EVERY_MS = 30_000;
const MAX_BATCH = 500;
/** Repeated looks at the same thing within a minute are one view. */
const SAME_VIEW_MS = 60_000;

/**
 * Desktops read records from their own cache, so the server cannot see those reads. This reporter
 * writes each view to the cache first (surviving a crash or a day offline) and sends them to the
 * agency server's audit log when it can.
 */
export class ViewReporter {
  private queue: RecordView[] = [];
  private recent = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: CacheDatabase,
    private readonly client: () => AgencyClient,
    private readonly canSend: () => boolean,
  ) {}

  async start(): Promise<void> {
    const saved = await this.db.getLocal<{ views: RecordView[] }>(QUEUE_ID);
    this.queue = saved ? [...saved.toJSON().data.views] : [];
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.flushing;
  }

  async record(clientId: string, what: string): Promise<void> {
    const key = `${clientId}:${what}`;
    const now = Date.now();
    if (now - (this.recent.get(key) ?? 0) < SAME_VIEW_MS) return;
    this.recent.set(key, now);
    this.queue.push({ clientId, what, viewedAt: new Date(now).toISOString() });
    await this.db.upsertLocal(QUEUE_ID, { views: this.queue });
  }

  /** Sends what is queued; on failure it stays queued for the next try. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.queue.length === 0 || !this.canSend()) return;
      const batch = this.queue.slice(0, MAX_BATCH);
      try {
        await this.client().reportViews(batch);
      } catch {
        return;
      }
      this.queue = this.queue.slice(batch.length);
      await this.db.upsertLocal(QUEUE_ID, { views: this.queue });
    });
    return this.flushing;
  }
}
