import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ReplicatedCollection } from '../../shared/replication/documents';
import {
  collectionNameSchema,
  MAX_REPLICATION_BATCH,
  type PushRow,
  pullQuerySchema,
} from '../../shared/replication/protocol';
import { bearerToken, requireStaff } from '../auth/authenticate';
import type { Database } from '../db/database';
import { parseInput } from '../http/errors';
import type { ChangeFeed } from './change-feed';
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
      }),
    )
    .max(MAX_REPLICATION_BATCH, `Push at most ${MAX_REPLICATION_BATCH} documents at once.`),
});

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
    return COLLECTION_HANDLERS[collection].pull(
      db,
      session.viewer,
      { txid: query.txid, seq: query.seq },
      query.limit,
    );
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
    return { conflicts: outcome.conflicts, refusals: outcome.refusals };
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
