import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ReplicatedCollection, ReplicationCheckpoint } from '../../shared/replication/documents';
import {
  checksumQuerySchema,
  collectionNameSchema,
  fieldEditsSchema,
  MAX_REPLICATION_BATCH,
  type PullResponse,
  type PushRow,
  pullQuerySchema,
} from '../../shared/replication/protocol';
import { bearerToken, requireStaff } from '../auth/authenticate';
import type { Viewer } from '../authz/viewer';
import type { Database, Queryable } from '../db/database';
import { parseInput } from '../http/errors';
import type { ChangeFeed } from './change-feed';
import { collectionChecksum, firstPullTotal } from './checksum';
import type { CollectionHandler } from './collection-handler';
import { COLLECTION_HANDLERS } from './collections';
import type { LiveHub } from './live-hub';
import { LiveStream } from './live-stream';

const collectionParamsSchema = z.object({ collection: collectionNameSchema });

const documentStateSchema = z.object({ id: z.string().min(1).max(64), _deleted: z.boolean() }).passthrough();

const pushBodySchema = z.object({
  rows: z
    .array(
      z.object({
        assumedMasterState: documentStateSchema.optional(),
        newDocumentState: documentStateSchema,
        fieldEdits: fieldEditsSchema.optional(),
      }),
    )
    .max(MAX_REPLICATION_BATCH, `Push at most ${MAX_REPLICATION_BATCH} documents at once.`),
});

async function currentRelease(db: Queryable): Promise<number> {
  const result = await db.query<{ release: number }>('SELECT portico_release() AS release');
  return result.rows[0]?.release ?? 0;
}

/**
 * One pull page, read below a watermark taken just before (everything below it had ended by then,
 * so the read sees all of it). When the page comes back short and the watermark has moved on
 * since, the page is read again, from the same checkpoint, below the new one. The watermark can
 * lag for a moment: a transaction of another database that ended between the snapshot and the
 * look at pg_stat_activity cannot be placed, so it is kept (migration 012); without this second
 * look a desktop that pulls right after a write could miss it until its next pull. Read again
 * whole, not continued from the first read's last row: removals are decided against the
 * checkpoint the desktop holds, and a desktop starting from nothing must not be told of rows it
 * never had because the first read stopped short of them. A short page is the live tail, so
 * reading it twice costs little.
 */
export async function pullPage<C extends ReplicatedCollection>(
  db: Queryable,
  handler: CollectionHandler<C>,
  viewer: Viewer,
  from: ReplicationCheckpoint,
  limit: number,
): Promise<PullResponse<C>> {
  const release = await currentRelease(db);
  const page = await handler.pull(db, viewer, { txid: from.txid, seq: from.seq }, limit, release);
  // A first sync's first page says how much is coming, for its progress.
  if (from.txid === 0 && from.seq === 0) page.total = await firstPullTotal(db, handler, viewer, release);
  if (page.documents.length >= limit) return page;
  const later = await currentRelease(db);
  if (later <= release) return page;
  const again = await handler.pull(db, viewer, { txid: from.txid, seq: from.seq }, limit, later);
  if (page.total !== undefined) again.total = await firstPullTotal(db, handler, viewer, later);
  return again;
}

/** Replication is for staff desktops: pull and push per collection, one live stream for all. */
export function registerReplicationRoutes(
  app: FastifyInstance,
  db: Database,
  feed: ChangeFeed,
  hub: LiveHub,
): void {
  // A live stream never ends by itself, and closing the server waits for open requests: without
  // ending the streams first, shutting down would wait for every connected desktop to leave.
  const streams = new Set<LiveStream>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });

  app.get('/api/replication/:collection/pull', async (request) => {
    const session = await requireStaff(db, request);
    const { collection } = parseInput(collectionParamsSchema, request.params, 'collection');
    const query = parseInput(pullQuerySchema, request.query, 'pull checkpoint');
    return pullPage(db, COLLECTION_HANDLERS[collection], session.viewer, query, query.limit);
  });

  app.get('/api/replication/:collection/checksum', async (request) => {
    const session = await requireStaff(db, request);
    const { collection } = parseInput(collectionParamsSchema, request.params, 'collection');
    const query = parseInput(checksumQuerySchema, request.query, 'checksum checkpoint');
    const handler = COLLECTION_HANDLERS[collection] as CollectionHandler<ReplicatedCollection>;
    return db.transaction(async (tx) => {
      // One snapshot for the "behind" look and the sum (checksum.ts).
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      return collectionChecksum(tx, handler, session.viewer, query);
    });
  });

  app.post('/api/replication/:collection/push', async (request) => {
    const session = await requireStaff(db, request);
    const { collection } = parseInput(collectionParamsSchema, request.params, 'collection');
    const body = parseInput(pushBodySchema, request.body, 'push');
    // Rows are checked field by field by the collection's handler; here only their envelope is.
    const handler = COLLECTION_HANDLERS[collection] as CollectionHandler<ReplicatedCollection>;
    const rows = body.rows as unknown as PushRow<ReplicatedCollection>[];
    const outcome = await db.transaction((tx) => handler.push(tx, session.viewer, rows));
    // Other desktops hear of accepted changes through the database's NOTIFY, like any write.
    const merged = outcome.merged ?? [];
    return {
      conflicts: outcome.conflicts,
      refusals: outcome.refusals,
      ...(merged.length > 0 ? { merged } : {}),
    };
  });

  app.get('/api/replication/stream', async (request, reply) => {
    const session = await requireStaff(db, request);
    // HEAD (Fastify answers it with the GET handler): headers only. A stream would never end, and
    // Node sends a HEAD answer's headers only when it ends.
    if (request.method === 'HEAD')
      return reply.header('content-type', 'text/event-stream; charset=utf-8').send();
    const token = bearerToken(request) ?? '';
    reply.hijack();
    const stream = new LiveStream(db, feed, hub, session, token, reply);
    streams.add(stream);
    reply.raw.on('close', () => streams.delete(stream));
    await stream.open();
  });
}
