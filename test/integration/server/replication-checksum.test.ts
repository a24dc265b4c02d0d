import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToChecksum, documentHash } from '../../../main/services/sync/document-hash';
import {
  EMPTY_CHECKPOINT,
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
} from '../../../shared/replication/documents';
import type { ChecksumResponse } from '../../../shared/replication/protocol';
import { currentClient, type Doc, editClient, expectStatus, pullAll, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { sendAsStaffOk } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * The server's checksum of a collection (server/replication/checksum.ts) against what a desktop
 * that pulled it holds, computed from the pulled documents exactly as the desktop computes it
 * (main/services/sync/collection-checksum.ts): live documents, each hashed from id and serverSeq.
 */

/** A desktop's copy of one collection: documents by id, as pulls and their tombstones leave it. */
class Replica<C extends ReplicatedCollection> {
  readonly docs = new Map<string, Doc<C>>();
  checkpoint: ReplicationCheckpoint = EMPTY_CHECKPOINT;

  constructor(readonly collection: C) {}

  async pull(url: string, token: string): Promise<void> {
    const result = await pullAll(url, token, this.collection, { from: this.checkpoint, limit: 50 });
    for (const doc of result.documents) this.docs.set(doc.id, doc);
    this.checkpoint = result.checkpoint;
  }

  sum(): { count: number; checksum: number } {
    let count = 0;
    let checksum = 0;
    for (const doc of this.docs.values()) {
      if (doc._deleted || !doc.serverSeq) continue;
      count += 1;
      checksum = addToChecksum(checksum, documentHash(doc.id, doc.serverSeq));
    }
    return { count, checksum };
  }
}

async function serverChecksum(
  url: string,
  token: string,
  collection: ReplicatedCollection,
  checkpoint: ReplicationCheckpoint,
): Promise<ChecksumResponse> {
  const response = await request(
    url,
    `/api/replication/${collection}/checksum?txid=${checkpoint.txid}&seq=${checkpoint.seq}`,
    { token },
  );
  expectStatus(response, 200);
  return response.body as ChecksumResponse;
}

describe('replication checksums', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['casey', 'jordan', 'sam']) tokens[who] = await signIn(server.url, who);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('hashes a document version in SQL exactly as the desktop does', async () => {
    const result = await server.server.db.query<{ id: string; seq: number; doc_hash: number }>(
      'SELECT id::text AS id, seq, doc_hash FROM messages ORDER BY seq LIMIT 20',
    );
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) expect(Number(row.doc_hash)).toBe(documentHash(row.id, Number(row.seq)));
  });

  it('matches a full pull of every collection, for staff who see different things', async () => {
    for (const who of ['casey', 'jordan', 'sam']) {
      const token = tokens[who] ?? '';
      for (const collection of REPLICATED_COLLECTIONS) {
        const replica = new Replica(collection);
        await replica.pull(server.url, token);
        const answer = await serverChecksum(server.url, token, collection, replica.checkpoint);
        expect({ who, collection, ...answer }).toEqual({ who, collection, behind: false, ...replica.sum() });
      }
    }
  });

  it('answers "behind" to a desktop that has not pulled everything, and matches once it has', async () => {
    const token = tokens.casey ?? '';
    const replica = new Replica('messages');
    await replica.pull(server.url, token);
    expect((await serverChecksum(server.url, token, 'messages', EMPTY_CHECKPOINT)).behind).toBe(true);

    const clientId = idAt(await demoClientIds(server.server.db), 0);
    await sendAsStaffOk(server.url, token, { clientId, html: '<p>After the checkpoint</p>' });
    expect((await serverChecksum(server.url, token, 'messages', replica.checkpoint)).behind).toBe(true);

    await replica.pull(server.url, token);
    expect(await serverChecksum(server.url, token, 'messages', replica.checkpoint)).toEqual({
      behind: false,
      ...replica.sum(),
    });
  });

  it('tells a cache that lost, gained or kept an old version of a document from one that did not', async () => {
    const token = tokens.casey ?? '';
    const replica = new Replica('clients');
    await replica.pull(server.url, token);
    const right = await serverChecksum(server.url, token, 'clients', replica.checkpoint);
    const [first, second] = [...replica.docs.values()];
    if (!first || !second) throw new Error('casey sees fewer than two clients');

    replica.docs.delete(first.id);
    expect(replica.sum()).not.toEqual({ count: right.count, checksum: right.checksum });
    replica.docs.set(first.id, { ...first, serverSeq: first.serverSeq - 1 });
    expect(replica.sum().count).toBe(right.count);
    expect(replica.sum().checksum).not.toBe(right.checksum);
    replica.docs.set(first.id, first);
    replica.docs.set('00000000-0000-4000-8000-000000000000', {
      ...second,
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(replica.sum().count).toBe(right.count + 1);
  });

  it('still matches after a client stops being shared and the other agency pulls its removals', async () => {
    const jordan = tokens.jordan ?? '';
    const replicas = REPLICATED_COLLECTIONS.map((collection) => new Replica(collection));
    for (const replica of replicas) await replica.pull(server.url, jordan);

    // Harbor client 0 is shared (demo-world.ts): Northside's jordan sees it and its conversations.
    const clientId = idAt(await demoClientIds(server.server.db), 0);
    const base = await currentClient(server.url, tokens.casey ?? '', clientId);
    expect(base.shared).toBe(true);
    const answer = await editClient(server.url, tokens.casey ?? '', base, { shared: false });
    expect(answer.refusals).toEqual([]);

    const clients = replicas.find((replica) => replica.collection === 'clients');
    if (!clients) throw new Error('no clients replica');
    // The removal is a change after jordan's checkpoint: nothing to compare until it is pulled.
    expect((await serverChecksum(server.url, jordan, 'clients', clients.checkpoint)).behind).toBe(true);
    for (const replica of replicas) {
      await replica.pull(server.url, jordan);
      const after = await serverChecksum(server.url, jordan, replica.collection, replica.checkpoint);
      expect({ collection: replica.collection, ...after }).toEqual({
        collection: replica.collection,
        behind: false,
        ...replica.sum(),
      });
    }
    expect(clients.docs.get(clientId)?._deleted).toBe(true);
  });
});
