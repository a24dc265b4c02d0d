import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_CHECKPOINT,
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
} from '../../../shared/replication/documents';
import { pullAll, pullPage } from '../../support/api';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * A desktop keeps its checkpoint across a server restart (deploy, crash). Continuing from it on
 * the new instance must deliver everything not yet received, and nothing twice: a restart must not
 * re-stamp rows (for instance by re-running care team transitions already applied).
 */
/**
 * Who pulls each collection and in pages of what size, so the demo seed fills two pages before
 * the restart: the system admin sees everything but has no notifications of his own; Casey has
 * four (requests her clients fulfilled).
 */
const PULLER: Record<ReplicatedCollection, { user: string; page: number }> = {
  directory: { user: 'sam', page: 5 },
  clients: { user: 'sam', page: 5 },
  memberships: { user: 'sam', page: 5 },
  threads: { user: 'sam', page: 5 },
  messages: { user: 'sam', page: 5 },
  requests: { user: 'sam', page: 5 },
  records: { user: 'sam', page: 5 },
  catalog: { user: 'sam', page: 5 },
  notifications: { user: 'casey', page: 2 },
};

describe('restarting the server in the middle of a sync', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(() => ts.close());

  it('continues from the checkpoint on a new instance: every row arrives exactly once', async () => {
    const tokens = { sam: await signIn(ts.url, 'sam'), casey: await signIn(ts.url, 'casey') };
    const tokenFor = (collection: ReplicatedCollection) =>
      PULLER[collection].user === 'casey' ? tokens.casey : tokens.sam;
    const received = new Map<ReplicatedCollection, string[]>();
    const checkpoints = new Map<ReplicatedCollection, ReplicationCheckpoint>();
    for (const collection of REPLICATED_COLLECTIONS) {
      const { page: pageSize } = PULLER[collection];
      let checkpoint: ReplicationCheckpoint = EMPTY_CHECKPOINT;
      const ids: string[] = [];
      for (let page = 0; page < 2; page++) {
        const result = await pullPage(ts.url, tokenFor(collection), collection, checkpoint, pageSize);
        expect(result.documents, collection).toHaveLength(pageSize);
        ids.push(...result.documents.map((doc) => doc.id));
        if (!result.checkpoint) throw new Error('a full page came without a checkpoint');
        checkpoint = result.checkpoint;
      }
      received.set(collection, ids);
      checkpoints.set(collection, checkpoint);
    }

    await ts.stop();
    const next = await ts.startInstance();

    const everything = await next.db.query<{ collection: ReplicatedCollection; id: string }>(
      `SELECT 'directory' AS collection, id::text AS id FROM agencies
       UNION ALL SELECT 'directory', id::text FROM users
       UNION ALL SELECT 'directory', id::text FROM programs
       UNION ALL SELECT 'clients', id::text FROM clients
       UNION ALL SELECT 'memberships', id::text FROM care_team
       UNION ALL SELECT 'memberships', id::text FROM enrollments
       UNION ALL SELECT 'threads', id::text FROM threads
       UNION ALL SELECT 'messages', id::text FROM messages
       UNION ALL SELECT 'requests', id::text FROM portal_requests
       UNION ALL SELECT 'records', id::text FROM client_records
       UNION ALL SELECT 'notifications', n.id::text FROM staff_notifications n JOIN users u ON u.id = n.staff_id
                  WHERE u.username = 'casey'
       UNION ALL SELECT 'catalog', id::text FROM assessment_definitions
       UNION ALL SELECT 'catalog', id::text FROM document_categories
       UNION ALL SELECT 'catalog', id::text FROM agency_settings`,
    );
    for (const collection of REPLICATED_COLLECTIONS) {
      // The session is kept in the database, so the desktop's token still works after the restart.
      const rest = await pullAll(next.url, tokenFor(collection), collection, {
        from: checkpoints.get(collection),
        limit: PULLER[collection].page,
      });
      const union = [...(received.get(collection) ?? []), ...rest.documents.map((doc) => doc.id)];
      const expected = everything.rows.filter((row) => row.collection === collection).map((row) => row.id);
      expect(union.length, `${collection}: each row once`).toBe(new Set(union).size);
      expect([...union].sort(), collection).toEqual(expected.sort());
    }
  });
});
