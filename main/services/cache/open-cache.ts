import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import type { ReplicatedCollection, ReplicatedDocs } from '../../../shared/replication/documents';
import { REPLICATED_SCHEMAS } from '../../../shared/replication/rx-schemas';
import {
  createMergeConflictHandler,
  createServerMergesConflictHandler,
} from '../sync/merge-conflict-handler';
import { type DraftDoc, draftSchema, type OutboxDoc, outboxSchema } from './local-schemas';

export type CacheCollections = { [C in ReplicatedCollection]: RxCollection<ReplicatedDocs[C]> } & {
  drafts: RxCollection<DraftDoc>;
  outbox: RxCollection<OutboxDoc>;
};
export type CacheDatabase = RxDatabase<CacheCollections>;

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * Messages of schema version 0 (before delivery was recorded) count as delivered when sent until
 * the pull brings their real value: the server re-stamped every message when it began recording
 * delivery, so every one of them is pulled again. Version 2 (when the client saw it) starts
 * unseen, as every message was on the server when it began recording that.
 */
const MESSAGE_MIGRATIONS = {
  1: (doc: Omit<ReplicatedDocs['messages'], 'deliveredAt' | 'seenAt'>) => ({
    ...doc,
    deliveredAt: doc.sentAt,
  }),
  2: (doc: Omit<ReplicatedDocs['messages'], 'seenAt'>) => ({ ...doc, seenAt: '' }),
};

/** Requests of schema version 0 had no due date, as none had one before the server recorded them. */
const REQUEST_MIGRATIONS = {
  1: (doc: Omit<ReplicatedDocs['requests'], 'dueDate'>) => ({ ...doc, dueDate: '' }),
};

/** Versions 1 and 2 of notifications only added kinds: every stored notification is valid as it is. */
const NOTIFICATION_MIGRATIONS = {
  1: (doc: ReplicatedDocs['notifications']) => doc,
  2: (doc: ReplicatedDocs['notifications']) => doc,
};

/** One cache per staff member, so a shared laptop never shows one person another's clients. */
export function cacheNameFor(userId: string): string {
  return `portico-${userId.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
}

/**
 * Opens (or creates) the local cache. `localDocuments` holds small per-desktop state such as the
 * pending-changes list and when the cache last caught up with the server.
 */
export async function openCache(
  storage: RxStorage<unknown, unknown>,
  userId: string,
): Promise<CacheDatabase> {
  const db = await createRxDatabase<CacheCollections>({
    name: cacheNameFor(userId),
    storage,
    multiInstance: false,
    localDocuments: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  try {
    await addCacheCollections(db);
  } catch (error) {
    // Closed so the file is released (and can be moved aside) before anyone opens it again.
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

async function addCacheCollections(db: CacheDatabase): Promise<void> {
  await db.addCollections({
    directory: { schema: REPLICATED_SCHEMAS.directory },
    clients: { schema: REPLICATED_SCHEMAS.clients, conflictHandler: createServerMergesConflictHandler() },
    memberships: { schema: REPLICATED_SCHEMAS.memberships },
    threads: { schema: REPLICATED_SCHEMAS.threads, conflictHandler: createMergeConflictHandler() },
    messages: { schema: REPLICATED_SCHEMAS.messages, migrationStrategies: MESSAGE_MIGRATIONS },
    requests: {
      schema: REPLICATED_SCHEMAS.requests,
      conflictHandler: createMergeConflictHandler(),
      migrationStrategies: REQUEST_MIGRATIONS,
    },
    records: { schema: REPLICATED_SCHEMAS.records },
    notifications: {
      schema: REPLICATED_SCHEMAS.notifications,
      migrationStrategies: NOTIFICATION_MIGRATIONS,
      conflictHandler: createMergeConflictHandler(),
    },
    catalog: { schema: REPLICATED_SCHEMAS.catalog },
    drafts: { schema: draftSchema },
    outbox: { schema: outboxSchema },
  });
}
