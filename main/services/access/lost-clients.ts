import { join } from 'node:path';
import { bufferTime, filter, map, type Subscription } from 'rxjs';
import type { DraftDoc, OutboxDoc } from '../cache/local-schemas';
import type { CacheDatabase } from '../cache/open-cache';
import type { PendingWritesJournal } from '../cache/pending-writes-journal';
import type { FileCache } from '../files/file-cache';
import { shredFolder } from '../files/sealed-files';

/** What leaving clients took with them from this computer: what the staff member had written. */
export interface LostClientsReport {
  /** How many different clients the deleted work was to. */
  clients: number;
  drafts: number;
  messages: number;
  requests: number;
}

/** The outbox's items in the pending-writes journal (outbox-service.ts). */
const JOURNAL_COLLECTION = 'outbox';
/** Removals of one pull arrive as many events within moments: handled as one. */
const GATHER_MS = 100;

/**
 * When a client leaves this computer (the staff member's care team ended, the record stopped being
 * shared: the server's removal arrives as the client row's deletion), everything else here about
 * them goes too: drafts to them, what waits in the outbox for them (unsent, refused, or sent and
 * waiting to sync back) and its journal entry, their photo and documents, and the message pictures
 * (which are not tied to a client here). The rows the server removed are already gone; the
 * notifications about the client are rewritten by the server and replaced by the next pull.
 *
 * Removed rows are first emptied, then deleted: RxDB keeps a deleted document's last content in
 * its tombstone, and the emptied content is what stays. The SQLite storage zeroes what it frees
 * (secure_delete), and the WAL is checkpointed and emptied after, so the file holds no old copy.
 */
export class LostClients {
  private subscription: Subscription | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: CacheDatabase,
    private readonly journal: PendingWritesJournal,
    private readonly files: FileCache,
    private readonly downloadsDir: string,
    private readonly hooks: {
      /** The outbox changed (its waiting count). */
      outboxChanged(): Promise<void>;
      /** After a purge: old page versions leave the WAL. */
      flushCache(): void;
      /** The staff member is told what was deleted, when anything they wrote was. */
      tell(report: LostClientsReport): void;
    },
  ) {}

  /** Listens for clients leaving the cache, from now on. */
  start(): void {
    this.subscription = this.db.clients.$.pipe(
      filter((event) => event.operation === 'DELETE'),
      map((event) => event.documentId),
      bufferTime(GATHER_MS),
      filter((ids) => ids.length > 0),
    ).subscribe((ids) => {
      this.running = this.running
        .then(() => this.purge(new Set(ids)))
        .catch((error: unknown) => console.error('Removing what a departed client left failed:', error));
    });
  }

  /** Stops listening and waits for a purge under way. */
  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await this.running;
  }

  /**
   * Work left for clients no longer in the cache (the app was closed or crashed between the
   * removal and its purge). Only for a cache that had caught up with the server before: in a fresh
   * cache clients are missing because they have not been pulled yet.
   */
  async purgeOrphans(): Promise<LostClientsReport> {
    const [drafts, outbox] = await Promise.all([this.db.drafts.find().exec(), this.db.outbox.find().exec()]);
    const mentioned = new Set([...drafts, ...outbox].map((doc) => doc.clientId).filter(Boolean));
    if (mentioned.size === 0) return emptyReport();
    const present = await this.db.clients.findByIds([...mentioned]).exec();
    const gone = new Set([...mentioned].filter((id) => !present.has(id)));
    return gone.size === 0 ? emptyReport() : this.purge(gone);
  }

  /** Deletes everything of these clients this desktop holds beside the replicated rows. */
  async purge(clientIds: ReadonlySet<string>): Promise<LostClientsReport> {
    const ids = [...clientIds];
    // A client deleted and written again in one gather (access lost and regained) is still here.
    const back = await this.db.clients.findByIds(ids).exec();
    const gone = new Set(ids.filter((id) => !back.has(id)));
    if (gone.size === 0) return emptyReport();
    const selector = { clientId: { $in: [...gone] } };
    const touched = new Set<string>();
    const drafts = await this.db.drafts.find({ selector }).exec();
    for (const draft of drafts) {
      touched.add(draft.clientId);
      const emptied = await draft.incrementalPatch({
        clientId: '',
        threadId: '',
        content: [],
      } satisfies Partial<DraftDoc>);
      await emptied.incrementalRemove();
    }
    let messages = 0;
    let requests = 0;
    const items = await this.db.outbox.find({ selector }).exec();
    for (const item of items) {
      // What the server took already is not work lost; it only waited here to sync back.
      if (item.state !== 'sent') {
        touched.add(item.clientId);
        if (item.kind === 'message') messages++;
        else requests++;
      }
      // The journal first: a crash in between leaves the item in the cache only, where the next
      // start's sweep for departed clients (purgeOrphans) finds it.
      this.journal.remove(JOURNAL_COLLECTION, item.id);
      const emptied = await item.incrementalPatch({
        clientId: '',
        threadId: '',
        html: '',
        payload: {},
        error: '',
      } satisfies Partial<OutboxDoc>);
      await emptied.incrementalRemove();
    }
    if (items.length > 0) {
      // The removed items' earlier entries go from the file too, not only from the journal's view.
      this.journal.compact();
      await this.hooks.outboxChanged();
    }
    this.files.forgetClients(gone);
    for (const clientId of gone) shredFolder(join(this.downloadsDir, clientId));
    this.hooks.flushCache();
    const report = { clients: touched.size, drafts: drafts.length, messages, requests };
    if (report.drafts + report.messages + report.requests > 0) this.hooks.tell(report);
    return report;
  }
}

function emptyReport(): LostClientsReport {
  return { clients: 0, drafts: 0, messages: 0, requests: 0 };
}

/**
 * "1 draft to a client you no longer have access to was deleted": how many, and to how many
 * clients, never who.
 */
export function describeLostWork(report: LostClientsReport): string {
  const to = report.clients === 1 ? 'a client' : `${report.clients} clients`;
  const parts = [
    report.drafts ? `${report.drafts} ${report.drafts === 1 ? 'draft' : 'drafts'}` : '',
    report.messages ? `${report.messages} unsent ${report.messages === 1 ? 'message' : 'messages'}` : '',
    report.requests
      ? `${report.requests} unsent Customer Portal ${report.requests === 1 ? 'request' : 'requests'}`
      : '',
  ].filter(Boolean);
  const total = report.drafts + report.messages + report.requests;
  const what =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `${what} to ${to} you no longer have access to ${total === 1 ? 'was' : 'were'} deleted.`;
}
