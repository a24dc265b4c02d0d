import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { createCacheStorage } from '../../../../main/services/cache/cache-storage';
import { cacheNameFor, openCache } from '../../../../main/services/cache/open-cache';
import type { MessageDoc } from '../../../../shared/replication/documents';
import { messageSchema } from '../../../../shared/replication/rx-schemas';

type MessageV0 = Omit<MessageDoc, 'deliveredAt'>;

/** The messages schema as caches made before delivery was recorded have it. */
function versionZero(): RxJsonSchema<MessageV0> {
  const { deliveredAt: _dropped, ...properties } = messageSchema.properties;
  return {
    ...messageSchema,
    version: 0,
    properties,
    required: (messageSchema.required as string[]).filter((field) => field !== 'deliveredAt'),
  } as RxJsonSchema<MessageV0>;
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
      expect(migrated?.toJSON()).toMatchObject({ ...OLD, deliveredAt: OLD.sentAt });
      // And the collection takes the new field as the server sends it.
      await db.messages.upsert({ ...OLD, id: 'm-2', deliveredAt: '' });
      expect((await db.messages.findOne('m-2').exec())?.deliveredAt).toBe('');
    } finally {
      await db.close();
    }
  });
});
