import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgencyClient } from '../../../../main/services/api/agency-client';
import { pendingWritesPath, setCacheAside } from '../../../../main/services/cache/cache-healing';
import { createCacheStorage } from '../../../../main/services/cache/cache-storage';
import { type CacheDatabase, openCache } from '../../../../main/services/cache/open-cache';
import { PendingWritesJournal } from '../../../../main/services/cache/pending-writes-journal';
import { OutboxService } from '../../../../main/services/messaging/outbox-service';

/*
 * The outbox keeps every item the server has not accepted in the pending-writes journal too:
 * written before the cache, removed once accepted, and put back into a fresh cache.
 */
const USER = '0b5e0c1e-0000-4000-8000-000000000001';
const CLIENT = '0b5e0c1e-0000-4000-8000-0000000000c1';
const KEY = 'outbox-journal-test-key';

describe('the outbox and its journal', () => {
  let dir: string;
  let db: CacheDatabase;
  let journal: PendingWritesJournal;
  let online = false;
  const accepted: string[] = [];
  const server = {
    sendMessage: async (message: { id: string }) => {
      accepted.push(message.id);
      return { thread: { id: 'thread-1' } };
    },
  } as unknown as AgencyClient;

  const outboxOn = (cache: CacheDatabase, pending: PendingWritesJournal) =>
    new OutboxService(
      cache,
      () => server,
      () => online,
      async () => undefined,
      pending,
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-outbox-journal-'));
    db = await openCache(createCacheStorage(dir)(KEY), USER);
    journal = PendingWritesJournal.open(pendingWritesPath(dir, USER), KEY).journal;
    online = false;
    accepted.length = 0;
  });

  afterEach(async () => {
    journal.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function freshCache(): Promise<{ db: CacheDatabase; journal: PendingWritesJournal }> {
    journal.close();
    await db.close();
    setCacheAside(dir, USER, 'test');
    db = await openCache(createCacheStorage(dir)(KEY), USER);
    journal = PendingWritesJournal.open(pendingWritesPath(dir, USER), KEY).journal;
    return { db, journal };
  }

  it('journals an item durably when it is queued, and puts it back into a fresh cache', async () => {
    const outbox = outboxOn(db, journal);
    const queued = await outbox.enqueueMessage({ clientId: CLIENT, threadId: null, html: '<p>Hello</p>' });
    // Another reader of the file (the next start) sees it: it was on disk when the call returned.
    expect(PendingWritesJournal.open(pendingWritesPath(dir, USER), KEY).journal.list('outbox')).toHaveLength(
      1,
    );

    const fresh = await freshCache();
    expect(await fresh.db.outbox.count().exec()).toBe(0);
    const restored = await outboxOn(fresh.db, fresh.journal).restoreFromJournal();
    expect(restored.map((item) => [item.id, item.html, item.state])).toEqual([
      [queued.id, '<p>Hello</p>', 'waiting'],
    ]);
    expect((await fresh.db.outbox.findOne(queued.id).exec())?.state).toBe('waiting');
  });

  it('forgets an item once the server accepted it', async () => {
    const outbox = outboxOn(db, journal);
    const queued = await outbox.enqueueMessage({ clientId: CLIENT, threadId: null, html: '<p>Hi</p>' });
    online = true;
    outbox.kick();
    await expect
      .poll(async () => (await db.outbox.findOne(queued.id).exec())?.state, { timeout: 5_000 })
      .toBe('sent');
    expect(accepted).toEqual([queued.id]);
    expect(journal.has('outbox', queued.id)).toBe(false);
    const fresh = await freshCache();
    expect(await outboxOn(fresh.db, fresh.journal).restoreFromJournal()).toEqual([]);
  });

  it('forgets a discarded item, and journals items the cache had before the journal existed', async () => {
    const outbox = outboxOn(db, journal);
    const discarded = await outbox.enqueueMessage({ clientId: CLIENT, threadId: null, html: '<p>No</p>' });
    await outbox.discard(discarded.id);
    expect(journal.list()).toEqual([]);

    await db.outbox.insert({
      id: '0b5e0c1e-0000-4000-8000-0000000000aa',
      kind: 'message',
      clientId: CLIENT,
      threadId: '',
      html: '<p>From before</p>',
      payload: {},
      createdAt: new Date().toISOString(),
      state: 'waiting',
      error: '',
      attempts: 0,
    });
    expect(await outbox.restoreFromJournal()).toEqual([]);
    expect(journal.list().map((write) => write.id)).toEqual(['0b5e0c1e-0000-4000-8000-0000000000aa']);
  });

  it('does not put back an item whose message already synced down', async () => {
    const outbox = outboxOn(db, journal);
    const queued = await outbox.enqueueMessage({ clientId: CLIENT, threadId: null, html: '<p>Synced</p>' });
    const fresh = await freshCache();
    await fresh.db.messages.insert({
      id: queued.id,
      updatedAt: new Date().toISOString(),
      serverSeq: 1,
      threadId: 'thread-1',
      clientId: CLIENT,
      agencyId: 'agency-1',
      private: false,
      senderKind: 'staff',
      senderStaffId: USER,
      bodyHtml: '<p>Synced</p>',
      bodyText: 'Synced',
      sentAt: new Date().toISOString(),
      deliveredAt: new Date().toISOString(),
      seenAt: '',
    });
    expect(await outboxOn(fresh.db, fresh.journal).restoreFromJournal()).toEqual([]);
    expect(fresh.journal.list()).toEqual([]);
  });
});
