import type { FastifyReply } from 'fastify';
import type { ReplicatedCollection, ReplicationCheckpoint } from '../../shared/replication/documents';
import { REPLICATED_COLLECTIONS } from '../../shared/replication/documents';
import type { StreamEvent } from '../../shared/replication/protocol';
import { lookupSession, type ResolvedSession, SESSIONS_CHANGED } from '../auth/sessions';
import type { Database } from '../db/database';
import { securityHeadersFor } from '../http/security-headers';
import type { ChangeFeed } from './change-feed';
import { COLLECTION_HANDLERS } from './collections';

const STREAM_BATCH = 500;
const KEEP_ALIVE_MS = 20_000;
const SESSION_RECHECK_MS = 30_000;

/**
 * One desktop's live stream (server-sent events). It starts with a resync request, then for
 * every batch of database changes it runs the same visibility-filtered pull a desktop would,
 * from where this stream last was, and sends what it finds. Using the pull itself keeps the
 * stream's authorization identical to the pull's.
 */
export class LiveStream {
  private readonly lastCheckpoint = new Map<ReplicatedCollection, ReplicationCheckpoint>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly feed: ChangeFeed,
    private session: ResolvedSession,
    private readonly token: string,
    private readonly reply: FastifyReply,
  ) {}

  async open(): Promise<void> {
    // Everything below the release watermark is committed, and the desktop pulls it after the
    // resync; the stream goes on from there, so nothing falls between the two.
    const release = await this.db.query<{ release: number }>('SELECT portico_release() AS release');
    const start = { txid: release.rows[0]?.release ?? 0, seq: 0 };
    for (const collection of REPLICATED_COLLECTIONS) this.lastCheckpoint.set(collection, start);
    // Ended (server closing) while the queries above ran: the response is already finished.
    if (this.closed) return;
    this.reply.raw.writeHead(200, {
      // Written outside Fastify, so the onSend hook that adds these elsewhere never runs here.
      ...securityHeadersFor(this.reply.request),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Whatever happened while this desktop was not listening, it pulls first.
    this.send({ type: 'resync' });
    this.unsubscribe = this.feed.subscribe((tables) => this.onChange(tables));
    this.timers.push(setInterval(() => this.reply.raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS));
    this.timers.push(setInterval(() => void this.recheckSession(), SESSION_RECHECK_MS));
    this.reply.raw.on('close', () => this.close());
  }

  private onChange(tables: ReadonlySet<string>): void {
    // Someone's sessions ended (sign-out, deactivation, password change): if this stream's is one,
    // it ends now rather than at the next periodic check. Queued, so no batch goes out after it.
    if (tables.has(SESSIONS_CHANGED))
      this.queue = this.queue.then(() => this.recheckSession()).catch((error: unknown) => this.fail(error));
    const affected = REPLICATED_COLLECTIONS.filter((collection) =>
      COLLECTION_HANDLERS[collection].sourceTables.some((table) => tables.has(table)),
    );
    if (affected.length === 0) return;
    this.queue = this.queue.then(() => this.catchUp(affected)).catch((error: unknown) => this.fail(error));
  }

  private async catchUp(collections: readonly ReplicatedCollection[]): Promise<void> {
    if (this.closed) return;
    if (Date.parse(this.session.expiresAt) <= Date.now()) return this.endSession();
    // One write to the socket for all the events of one catch-up, not one per event.
    this.reply.raw.cork();
    try {
      await this.pullInto(collections);
    } finally {
      this.reply.raw.uncork();
    }
  }

  private async pullInto(collections: readonly ReplicatedCollection[]): Promise<void> {
    for (const collection of collections) {
      const handler = COLLECTION_HANDLERS[collection];
      for (;;) {
        const from = this.lastCheckpoint.get(collection) ?? { txid: 0, seq: 0 };
        // Prepared: with 200 desktops listening, each change runs this for every one of them.
        const page = await handler.pull(this.db.prepared, this.session.viewer, from, STREAM_BATCH);
        if (this.closed) return;
        if (!page.checkpoint || page.documents.length === 0) break;
        this.lastCheckpoint.set(collection, page.checkpoint);
        this.send({ type: 'changes', collection, documents: page.documents, checkpoint: page.checkpoint });
        if (page.documents.length < STREAM_BATCH) break;
      }
    }
  }

  private async recheckSession(): Promise<void> {
    if (this.closed) return;
    const lookup = await lookupSession(this.db, this.token).catch(() => undefined);
    if (!lookup) return;
    if (lookup.status !== 'valid') return this.endSession();
    this.session = lookup.session;
  }

  private endSession(): void {
    this.reply.raw.write('event: session-ended\ndata: {}\n\n');
    this.reply.raw.end();
    this.close();
  }

  private send(event: StreamEvent): void {
    if (this.closed) return;
    this.reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  /** Ends the stream from the server's side; the desktop reconnects and resyncs. */
  end(): void {
    if (this.closed) return;
    this.reply.raw.end();
    this.close();
  }

  private fail(error: unknown): void {
    // The desktop reconnects and resyncs; nothing is lost by ending this stream.
    console.error('live stream failed', error);
    this.reply.raw.end();
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    for (const timer of this.timers) clearInterval(timer);
  }
}
