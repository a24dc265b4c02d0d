import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { MangoQuerySortPart, RxDocument } from 'rxdb';
import type { MassSendInput, SendRequestInput } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { OutboxEntry } from '../../../shared/domain/messaging';
import type { AgencyClient } from '../api/agency-client';
import type { OutboxDoc, OutboxKind } from '../cache/local-schemas';
import type { CacheDatabase } from '../cache/open-cache';
import type { PendingWritesJournal } from '../cache/pending-writes-journal';

/** How often waiting items are tried again while the server seems reachable. */
const RETRY_MS = 15_000;
const OLDEST_FIRST: MangoQuerySortPart<OutboxDoc>[] = [{ createdAt: 'asc' }, { id: 'asc' }];
/**
 * Items read from the cache at once while sending. After a long time offline the outbox holds
 * hundreds: looking each one up again would read the whole outbox per item sent.
 */
const SEND_BATCH = 100;
/**
 * While a long outbox drains, the waiting count (a read of the outbox) is refreshed at most this
 * often, and once when draining stops: per item, it would read the outbox a thousand times over.
 */
const STATUS_REFRESH_MS = 250;
/** The outbox's items in the pending-writes journal. */
const JOURNAL_COLLECTION = 'outbox';
const OUTBOX_KINDS: readonly string[] = ['message', 'request', 'massSend'] satisfies OutboxKind[];

export function toOutboxEntry(doc: OutboxDoc): OutboxEntry {
  return {
    id: doc.id,
    clientId: doc.clientId,
    threadId: doc.threadId,
    html: doc.html,
    createdAt: doc.createdAt,
    state: doc.state === 'sent' ? 'sending' : doc.state,
    error: doc.error || null,
  };
}

/**
 * What this desktop sent (messages, Customer Portal requests) waits here, on disk, until the
 * agency server has it. Each item carries an id made here, which the server stores it under:
 * sending again after a lost answer or a crash stores it once. An item leaves the outbox only when
 * what it created has synced back down, so there is never a moment when it is in neither place.
 *
 * Every item the server has not accepted is also in the pending-writes journal, a file apart from
 * the cache, written before the cache and removed once the server accepted the item: a damaged
 * cache is replaced by a fresh one and the journal puts the unsent items back into it.
 */
export class OutboxService {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: CacheDatabase,
    private readonly client: () => AgencyClient,
    private readonly canSend: () => boolean,
    /** Told of every change to the outbox; awaited where a caller reads the status next. */
    private readonly onChange: () => Promise<void>,
    private readonly journal: PendingWritesJournal,
  ) {}

  /**
   * Makes the cache's outbox and the journal agree, before anything is sent: items the journal
   * holds but the cache lost (a fresh cache after damage) go back into the outbox, items only the
   * cache holds (written before the journal existed) go into the journal, and items the server
   * accepted leave it. Answers the items put back.
   */
  async restoreFromJournal(): Promise<OutboxDoc[]> {
    const inCache = new Map(
      (await this.db.outbox.find().exec()).map((doc) => [doc.id, doc.toJSON() as OutboxDoc]),
    );
    for (const doc of inCache.values()) {
      const journaled = this.journal.has(JOURNAL_COLLECTION, doc.id);
      if (doc.state === 'sent' && journaled) this.journal.remove(JOURNAL_COLLECTION, doc.id);
      if (doc.state !== 'sent' && !journaled)
        this.journal.put({ collection: JOURNAL_COLLECTION, id: doc.id, payload: doc });
    }
    const missing = this.journal.list(JOURNAL_COLLECTION).filter((write) => !inCache.has(write.id));
    if (missing.length === 0) return [];
    const ids = missing.map((write) => write.id);
    const [messages, requests] = await Promise.all([
      this.db.messages.findByIds(ids).exec(),
      this.db.requests.findByIds(ids).exec(),
    ]);
    const restored: OutboxDoc[] = [];
    for (const write of missing) {
      // Already synced down: the server has it, and so does this cache.
      if (messages.has(write.id) || requests.has(write.id)) {
        this.journal.remove(JOURNAL_COLLECTION, write.id);
        continue;
      }
      const doc = asOutboxDoc(write.id, write.payload);
      if (!doc) continue;
      await this.db.outbox.insert(doc);
      restored.push(doc);
    }
    await this.onChange();
    return restored;
  }

  /** A send interrupted by a crash is unknown to have arrived: try it again (the id makes that safe). */
  async start(): Promise<void> {
    const interrupted = await this.db.outbox.find({ selector: { state: 'sending' } }).exec();
    for (const doc of interrupted) await doc.incrementalPatch({ state: 'waiting' });
    this.timer = setInterval(() => this.kick(), RETRY_MS);
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  async enqueueMessage(message: {
    clientId: string;
    threadId: string | null;
    html: string;
  }): Promise<OutboxEntry> {
    const doc = await this.add('message', message.clientId, {
      threadId: message.threadId ?? '',
      html: message.html,
    });
    return toOutboxEntry(doc);
  }

  async enqueueRequest(request: SendRequestInput): Promise<OutboxDoc> {
    return this.add('request', request.clientId, { payload: { ...request } });
  }

  async enqueueMassSend(job: MassSendInput): Promise<OutboxDoc> {
    return this.add('massSend', '', { payload: { ...job } });
  }

  private async add(kind: OutboxKind, clientId: string, content: Partial<OutboxDoc>): Promise<OutboxDoc> {
    const item: OutboxDoc = {
      id: randomUUID(),
      kind,
      clientId,
      threadId: '',
      html: '',
      payload: {},
      ...content,
      createdAt: new Date().toISOString(),
      state: 'waiting',
      error: '',
      attempts: 0,
    };
    // On disk apart from the cache before the cache is written: no damage to the cache can lose it.
    this.journal.put({ collection: JOURNAL_COLLECTION, id: item.id, payload: item });
    const doc = await this.db.outbox.insert(item);
    await this.onChange();
    this.kick();
    return doc.toJSON() as OutboxDoc;
  }

  /** Items not yet accepted by the server, oldest first. */
  async list(kind?: OutboxKind): Promise<OutboxDoc[]> {
    const docs = await this.db.outbox.find({ sort: OLDEST_FIRST }).exec();
    return docs
      .map((doc) => doc.toJSON() as OutboxDoc)
      .filter((doc) => doc.state !== 'sent' && (!kind || doc.kind === kind));
  }

  /** Messages of one conversation, including first messages to this client that started it. */
  async messagesForThread(threadId: string, clientId: string): Promise<OutboxEntry[]> {
    const docs = await this.db.outbox.find({ selector: { kind: 'message' }, sort: OLDEST_FIRST }).exec();
    return docs
      .filter((doc) => doc.threadId === threadId || (doc.threadId === '' && doc.clientId === clientId))
      .map((doc) => toOutboxEntry(doc.toJSON() as OutboxDoc));
  }

  /** The outbox is small (what one person did offline), so counting by reading is fine. */
  async waitingCount(): Promise<number> {
    const docs = await this.db.outbox.find({ selector: { state: { $in: ['waiting', 'sending'] } } }).exec();
    return docs.length;
  }

  async retry(id: string): Promise<void> {
    const doc = await this.db.outbox.findOne(id).exec();
    if (!doc) throw new BridgeError('not_found', 'That item is no longer waiting to send.');
    if (doc.state === 'failed') {
      const waiting = await doc.incrementalPatch({ state: 'waiting', error: '' });
      this.journal.put({ collection: JOURNAL_COLLECTION, id, payload: waiting.toJSON() });
    }
    await this.onChange();
    this.kick();
  }

  async discard(id: string): Promise<void> {
    const doc = await this.db.outbox.findOne(id).exec();
    if (!doc) return;
    if (doc.state === 'sending' || doc.state === 'sent') {
      throw new BridgeError('conflict', 'This is already on its way and cannot be discarded.');
    }
    // The journal first: a crash in between leaves it in the cache only, and the next start
    // journals it again, so a discard that did not finish never loses the item either.
    this.journal.remove(JOURNAL_COLLECTION, id);
    await doc.remove();
    await this.onChange();
  }

  /** Drops items whose message or request is now in the cache: the server has it and so does this desktop. */
  async forgetDelivered(): Promise<void> {
    const sent = await this.db.outbox.find({ selector: { state: 'sent' } }).exec();
    if (sent.length === 0) return;
    const ids = sent.map((doc) => doc.id);
    const [messages, requests] = await Promise.all([
      this.db.messages.findByIds(ids).exec(),
      this.db.requests.findByIds(ids).exec(),
    ]);
    for (const doc of sent) {
      if (!messages.has(doc.id) && !requests.has(doc.id)) continue;
      this.journal.remove(JOURNAL_COLLECTION, doc.id);
      await doc.remove();
    }
    await this.onChange();
  }

  /** Sends what is waiting, oldest first, if the server can be reached. */
  kick(): void {
    if (this.stopped || !this.canSend()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Sends one item; answers what to record, or 'done' when nothing will sync back to wait for. */
  private async deliver(item: OutboxDoc): Promise<Partial<OutboxDoc> | 'done'> {
    const client = this.client();
    if (item.kind === 'message') {
      const answer = await client.sendMessage({
        id: item.id,
        clientId: item.clientId,
        threadId: item.threadId || null,
        html: item.html,
      });
      return { threadId: answer.thread.id };
    }
    if (item.kind === 'massSend') {
      // Jobs are not replicated: once the server has it, the job lives there.
      await client.startMassSend({ ...item.payload, id: item.id });
      return 'done';
    }
    await client.sendRequest({ ...item.payload, id: item.id });
    return {};
  }

  private async drain(): Promise<void> {
    let refreshedAt = performance.now();
    const refreshStatus = async (force: boolean) => {
      if (!force && performance.now() - refreshedAt < STATUS_REFRESH_MS) return;
      refreshedAt = performance.now();
      await this.onChange();
    };
    try {
      for (;;) {
        const batch = await this.db.outbox
          .find({ selector: { state: 'waiting' }, sort: OLDEST_FIRST, limit: SEND_BATCH })
          .exec();
        if (batch.length === 0) return;
        for (const item of batch) {
          if (this.stopped || !this.canSend()) return;
          // Discarded or retried elsewhere since the batch was read: leave it be.
          const next = await this.db.outbox.findOne(item.id).exec();
          if (next?.state !== 'waiting') continue;
          if (!(await this.sendOne(next, refreshStatus))) return;
        }
      }
    } finally {
      await refreshStatus(true);
    }
  }

  /** Sends one item and records the outcome; false when sending should stop for now. */
  private async sendOne(
    next: RxDocument<OutboxDoc>,
    refreshStatus: (force: boolean) => Promise<void>,
  ): Promise<boolean> {
    await next.incrementalPatch({ state: 'sending', attempts: next.attempts + 1 });
    await refreshStatus(false);
    try {
      const changes = await this.deliver(next.toJSON() as OutboxDoc);
      if (changes === 'done') await next.incrementalRemove();
      else await next.incrementalPatch({ ...changes, state: 'sent', error: '' });
      // Accepted: the server has it under this id, and a fresh cache would pull it down again.
      this.journal.remove(JOURNAL_COLLECTION, next.id);
    } catch (error) {
      const failure = error instanceof BridgeError ? error : new BridgeError('internal', String(error));
      const retryLater =
        failure.code === 'offline' || failure.code === 'server_error' || failure.code === 'unauthorized';
      // Removed while it was on its way (its client left this computer: access/lost-clients.ts):
      // nothing to record, and nothing to journal again.
      if (!(await this.db.outbox.findOne(next.id).exec())) return true;
      const updated = await next.incrementalPatch(
        retryLater ? { state: 'waiting' } : { state: 'failed', error: failure.message },
      );
      // A refusal stays a refusal after a fresh cache, not a silent second attempt.
      if (!retryLater)
        this.journal.put({ collection: JOURNAL_COLLECTION, id: next.id, payload: updated.toJSON() });
      // A failure shows at once: the person may want to fix or discard it.
      await refreshStatus(true);
      if (retryLater) return false;
    }
    await refreshStatus(false);
    return true;
  }
}

/**
 * A journaled item as the outbox stores it again: waiting to be sent (a send under way when the
 * cache was lost may or may not have arrived; the id makes sending again safe), or failed as it was.
 * Entries that do not have an outbox item's shape are left out rather than trusted.
 */
function asOutboxDoc(id: string, payload: unknown): OutboxDoc | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const item = payload as Partial<OutboxDoc>;
  if (item.id !== id || typeof item.kind !== 'string' || !OUTBOX_KINDS.includes(item.kind)) return undefined;
  if (typeof item.createdAt !== 'string') return undefined;
  return {
    id,
    kind: item.kind,
    clientId: typeof item.clientId === 'string' ? item.clientId : '',
    threadId: typeof item.threadId === 'string' ? item.threadId : '',
    html: typeof item.html === 'string' ? item.html : '',
    payload: typeof item.payload === 'object' && item.payload !== null ? item.payload : {},
    createdAt: item.createdAt,
    state: item.state === 'failed' ? 'failed' : 'waiting',
    error: item.state === 'failed' && typeof item.error === 'string' ? item.error : '',
    attempts: typeof item.attempts === 'number' ? item.attempts : 0,
  };
}
