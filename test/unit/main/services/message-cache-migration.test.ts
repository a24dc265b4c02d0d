import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { createCacheStorage } from '../../../../main/services/cache/cache-storage';
import { cacheNameFor, openCache } from '../../../../main/services/cache/open-cache';
import type { MessageDoc } from '../../../../shared/replication/documents';
import { messageSchema } from '../../../../shared/replication/rx-schemas';

type MessageV0 = Omit<MessageDoc, 'deliveredAt' | 'seenAt'>;
type MessageV1 = Omit<MessageDoc, 'seenAt'>;

/** The messages schema as caches made before delivery was recorded have it. */
function versionZero(): RxJsonSchema<MessageV0> {
  const { deliveredAt: _dropped, seenAt: _unseen, ...properties } = messageSchema.properties;
  return {
    ...messageSchema,
    version: 0,
    properties,
    required: (messageSchema.required as string[]).filter(
      (field) => field !== 'deliveredAt' && field !== 'seenAt',
    ),
  } as RxJsonSchema<MessageV0>;
}

/** The messages schema as caches made before the client's seeing a message was recorded have it. */
function versionOne(): RxJsonSchema<MessageV1> {
  const { seenAt: _unseen, ...properties } = messageSchema.properties;
  return {
    ...messageSchema,
    version: 1,
    properties,
    required: (messageSchema.required as string[]).filter((field) => field !== 'seenAt'),
  } as RxJsonSchema<MessageV1>;
}

const OLD: MessageV0 = {
  id: 'm-1',
  updatedAt: '2026-03-01T10:00:00.000Z',
  serverSeq: 4,
  threadId: 't-1',
  clientId: 'c-1',
  agencyId: 'a-1',
  private: false,
  senderKind: 'staff',
  senderStaffId: 's-1',
  bodyHtml: '<p>Hello</p>',
  bodyText: 'Hello',
  sentAt: '2026-03-01T10:00:00.000Z',
};

describe('a desktop cache made before message delivery was recorded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-cache-migration-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens, keeping its messages, until the pull brings their delivery', async () => {
    const storage = createCacheStorage(dir)('test-key');
    const old = await createRxDatabase({ name: cacheNameFor('staff-1'), storage, multiInstance: false });
    await old.addCollections({ messages: { schema: versionZero() } });
    await old.collections.messages?.insert(OLD);
    await old.close();

    const db = await openCache(createCacheStorage(dir)('test-key'), 'staff-1');
    try {
      const migrated = await db.messages.findOne('m-1').exec();
      expect(migrated?.toJSON()).toMatchObject({ ...OLD, deliveredAt: OLD.sentAt, seenAt: '' });
      // And the collection takes the new field as the server sends it.
      await db.messages.upsert({ ...OLD, id: 'm-2', deliveredAt: '', seenAt: '' });
      expect((await db.messages.findOne('m-2').exec())?.deliveredAt).toBe('');
    } finally {
      await db.close();
    }
  });

  it('opens a cache made before seeing was recorded, every message unseen', async () => {
    const storage = createCacheStorage(dir)('test-key');
    const old = await createRxDatabase({ name: cacheNameFor('staff-2'), storage, multiInstance: false });
    await old.addCollections({ messages: { schema: versionOne() } });
    const delivered: MessageV1 = { ...OLD, deliveredAt: '2026-03-01T10:05:00.000Z' };
    await old.collections.messages?.insert(delivered);
    await old.close();

    const db = await openCache(createCacheStorage(dir)('test-key'), 'staff-2');
    try {
      expect((await db.messages.findOne('m-1').exec())?.toJSON()).toMatchObject({ ...delivered, seenAt: '' });
      await db.messages.upsert({ ...delivered, id: 'm-3', seenAt: '2026-03-01T11:00:00.000Z' });
      expect((await db.messages.findOne('m-3').exec())?.seenAt).toBe('2026-03-01T11:00:00.000Z');
    } finally {
      await db.close();
    }
  });
});
