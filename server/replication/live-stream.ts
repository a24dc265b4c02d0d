import type { FastifyReply } from 'fastify';
import {
  EMPTY_CHECKPOINT,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
} from '../../shared/replication/documents';
import type { StreamEvent } from '../../shared/replication/protocol';
import { lookupSession, type ResolvedSession, SESSIONS_CHANGED } from '../auth/sessions';
import type { Viewer } from '../authz/viewer';
import type { Database } from '../db/database';
import { securityHeadersFor } from '../http/security-headers';
import type { ChangeFeed } from './change-feed';
import { COLLECTION_HANDLERS } from './collections';
import type { HubStream, LiveHub, RoutedBatch } from './live-hub';

const STREAM_BATCH = 500;
const KEEP_ALIVE_MS = 20_000;
const SESSION_RECHECK_MS = 30_000;

/** Whether position `a` comes after position `b`. */
const isAfter = (a: ReplicationCheckpoint, b: ReplicationCheckpoint) =>
  a.txid > b.txid || (a.txid === b.txid && a.seq > b.seq);

/**
 * One desktop's live stream (server-sent events). It starts with a resync request; then the
 * instance's live hub (live-hub.ts) reads each batch of changes once and hands this stream the
 * rows its staff member may see. In a round where someone's access may have changed, the stream
 * runs the same visibility-filtered pull a desktop would instead, from where it last was, which
 * also sends exactly the removals it is owed.
 */
export class LiveStream implements HubStream {
  private readonly lastCheckpoint = new Map<ReplicatedCollection, ReplicationCheckpoint>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly feed: ChangeFeed,
    private readonly hub: LiveHub,
    private session: ResolvedSession,
    private readonly token: string,
    private readonly reply: FastifyReply,
  ) {}

  get viewer(): Viewer {
    return this.session.viewer;
  }

  async open(): Promise<void> {
    this.reply.raw.on('close', () => this.close());
    // The hub starts this stream where it has read up to; whatever came before, the desktop pulls
    // after the resync below, so nothing falls between the two.
    await this.hub.add(this);
    // Ended (server closing) while the hub was busy: the response is already finished.
    if (this.closed) return this.hub.remove(this);
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
  }

  private onChange(tables: ReadonlySet<string>): void {
    // Someone's sessions ended (sign-out, deactivation, password change): if this stream's is one,
    // it ends now rather than at the next periodic check. Queued, so no batch goes out after it.
    if (tables.has(SESSIONS_CHANGED))
      this.queue = this.queue.then(() => this.recheckSession()).catch((error: unknown) => this.fail(error));
  }

  advance(collection: ReplicatedCollection, to: ReplicationCheckpoint): void {
    const current = this.lastCheckpoint.get(collection);
    if (!current || isAfter(to, current)) this.lastCheckpoint.set(collection, to);
  }

  deliver(batches: RoutedBatch[]): void {
    if (this.closed || !this.sessionInForce()) return;
    // One write to the socket for all the events of one round, not one per event.
    this.reply.raw.cork();
    try {
      for (const batch of batches) {
        this.advance(batch.collection, batch.checkpoint);
        const checkpoint = this.lastCheckpoint.get(batch.collection) ?? batch.checkpoint;
        this.send({ type: 'changes', collection: batch.collection, documents: batch.documents, checkpoint });
      }
    } finally {
      this.reply.raw.uncork();
    }
  }

  catchUpExactly(collections: readonly ReplicatedCollection[]): Promise<void> {
    const done = this.queue.then(() => this.pullExactly(collections));
    this.queue = done.catch((error: unknown) => this.fail(error));
    return this.queue;
  }

  private sessionInForce(): boolean {
    if (Date.parse(this.session.expiresAt) > Date.now()) return true;
    this.endSession();
    return false;
  }

  private async pullExactly(collections: readonly ReplicatedCollection[]): Promise<void> {
    if (this.closed || !this.sessionInForce()) return;
    this.reply.raw.cork();
    try {
      for (const collection of collections) {
        const handler = COLLECTION_HANDLERS[collection];
        for (;;) {
          const from = this.lastCheckpoint.get(collection) ?? EMPTY_CHECKPOINT;
          // Prepared: in such a round every open stream runs it.
          const page = await handler.pull(this.db.prepared, this.session.viewer, from, STREAM_BATCH);
          if (this.closed) return;
          if (!page.checkpoint || page.documents.length === 0) break;
          this.advance(collection, page.checkpoint);
          this.send({ type: 'changes', collection, documents: page.documents, checkpoint: page.checkpoint });
          if (page.documents.length < STREAM_BATCH) break;
        }
      }
    } finally {
      this.reply.raw.uncork();
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
    this.hub.remove(this);
    this.unsubscribe?.();
    for (const timer of this.timers) clearInterval(timer);
  }
}
