import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeLostWork,
  LostClients,
  type LostClientsReport,
} from '../../../../main/services/access/lost-clients';
import type { AgencyClient } from '../../../../main/services/api/agency-client';
import { createCacheStorage } from '../../../../main/services/cache/cache-storage';
import type { OutboxDoc } from '../../../../main/services/cache/local-schemas';
import { type CacheDatabase, openCache } from '../../../../main/services/cache/open-cache';
import { PendingWritesJournal } from '../../../../main/services/cache/pending-writes-journal';
import { FileCache } from '../../../../main/services/files/file-cache';
import { eventually } from '../../../support/desktop-process';

/*
 * What a client's departure removes beside the replicated rows: drafts and outbox items to them
 * (with their journal entries), and what the staff member is told (how many, never whom).
 */
const USER = '0b5e0c1e-0000-4000-8000-000000000002';
const STAYS = '0b5e0c1e-0000-4000-8000-0000000000a1';
const LEFT = '0b5e0c1e-0000-4000-8000-0000000000b2';
const KEY = 'lost-clients-test-key';

function outboxItem(
  id: string,
  clientId: string,
  kind: OutboxDoc['kind'],
  state: OutboxDoc['state'],
): OutboxDoc {
  return {
    id,
    kind,
    clientId,
    threadId: '',
    html: kind === 'message' ? `<p>for ${clientId}</p>` : '',
    payload: kind === 'request' ? { clientId, type: 'location' } : {},
    createdAt: new Date().toISOString(),
    state,
    error: state === 'failed' ? 'This client is no longer available to you.' : '',
    attempts: 0,
  };
}

describe('work for clients who left this computer', () => {
  let dir: string;
  let db: CacheDatabase;
  let journal: PendingWritesJournal;
  let lost: LostClients;
  const told: LostClientsReport[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-lost-clients-'));
    db = await openCache(createCacheStorage(dir)(KEY), USER);
    journal = PendingWritesJournal.open(join(dir, 'pending', 'journal'), KEY).journal;
    const files = new FileCache(join(dir, 'files'), () => ({}) as AgencyClient);
    files.open(KEY, { photoOwner: async () => null, isVisible: async () => true });
    told.length = 0;
    lost = new LostClients(db, journal, files, join(dir, 'downloads'), {
      outboxChanged: async () => undefined,
      flushCache: () => undefined,
      tell: (report) => told.push(report),
    });
    await db.clients.insert({
      id: STAYS,
      updatedAt: new Date().toISOString(),
      serverSeq: 1,
      agencyId: 'agency',
      firstName: 'Stays',
      lastName: 'Here',
      firstNameKey: 'stays',
      lastNameKey: 'here',
      dateOfBirth: '1980-01-01',
      phone: '',
      email: '',
      photoFileId: '',
      shared: false,
      portalConnected: true,
    });
    for (const clientId of [STAYS, LEFT]) {
      await db.drafts.insert({
        id: `new:${clientId}`,
        clientId,
        threadId: '',
        content: [{ type: 'paragraph', children: [{ text: `to ${clientId}` }] }],
        updatedAt: new Date().toISOString(),
      });
    }
    const items = [
      outboxItem('m-left', LEFT, 'message', 'waiting'),
      outboxItem('r-left', LEFT, 'request', 'failed'),
      outboxItem('s-left', LEFT, 'message', 'sent'),
      outboxItem('m-stays', STAYS, 'message', 'waiting'),
    ];
    for (const item of items) {
      if (item.state !== 'sent') journal.put({ collection: 'outbox', id: item.id, payload: item });
      await db.outbox.insert(item);
    }
  });

  afterEach(async () => {
    await lost.stop();
    journal.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes, at start, what was left for a client no longer in the cache', async () => {
    const report = await lost.purgeOrphans();
    expect(report).toEqual({ clients: 1, drafts: 1, messages: 1, requests: 1 });
    expect(told).toEqual([report]);
    expect((await db.drafts.find().exec()).map((doc) => doc.id)).toEqual([`new:${STAYS}`]);
    expect((await db.outbox.find().exec()).map((doc) => doc.id)).toEqual(['m-stays']);
    expect(journal.list('outbox').map((write) => write.id)).toEqual(['m-stays']);
    // The file holds the one live entry: the removed ones are not left in it, even encrypted.
    expect(readFileSync(journal.path).toString('latin1').split('PWJ1').length - 1).toBe(1);
    // The journal says the same when read again from disk.
    journal.close();
    const reread = PendingWritesJournal.open(journal.path, KEY).journal;
    expect(reread.list('outbox').map((write) => write.id)).toEqual(['m-stays']);
    reread.close();
  });

  it('removes a client’s work when the client’s row leaves the cache, and keeps the others’', async () => {
    lost.start();
    const client = await db.clients.findOne(STAYS).exec();
    await client?.remove();
    await eventually('the purge', async () => (told.length > 0 ? true : undefined));
    expect(told).toEqual([{ clients: 1, drafts: 1, messages: 1, requests: 0 }]);
    expect((await db.drafts.find().exec()).map((doc) => doc.id)).toEqual([`new:${LEFT}`]);
    expect(journal.has('outbox', 'm-stays')).toBe(false);
    // The deleted draft's tombstone keeps nothing of what was written.
    const tombstones = await db.drafts.storageInstance.findDocumentsById([`new:${STAYS}`], true);
    expect(tombstones[0]).toMatchObject({ _deleted: true, clientId: '', content: [] });
  });

  it('says how many and to how many clients, never whom', () => {
    expect(describeLostWork({ clients: 1, drafts: 1, messages: 0, requests: 0 })).toBe(
      '1 draft to a client you no longer have access to was deleted.',
    );
    expect(describeLostWork({ clients: 1, drafts: 1, messages: 1, requests: 0 })).toBe(
      '1 draft and 1 unsent message to a client you no longer have access to were deleted.',
    );
    expect(describeLostWork({ clients: 2, drafts: 2, messages: 3, requests: 1 })).toBe(
      '2 drafts, 3 unsent messages and 1 unsent Customer Portal request to 2 clients you no longer have access to were deleted.',
    );
  });
});
