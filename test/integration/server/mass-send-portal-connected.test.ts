import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationCheckpoint } from '../../../shared/replication/documents';
import { type Doc, expectStatus, pullAll, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * The recipients picker lists only clients with a connected portal account, from the desktop's
 * cache. portalConnected is computed from client_accounts, which does not replicate, so the client
 * row must be re-stamped whenever an account is created, accepted or disconnected.
 */
describe('portalConnected reaches desktops', () => {
  let ts: TestServer;
  let casey: string;
  let clientId: string;
  let checkpoint: ReplicationCheckpoint;

  beforeAll(async () => {
    ts = await startTestServer();
    casey = await signIn(ts.url, 'casey');
    // Demo client 6 (Harbor) has no portal account.
    clientId = idAt(await demoClientIds(ts.server.db), 6);
    const first = await pullAll(ts.url, casey, 'clients', { limit: 500 });
    expect(first.documents.find((doc) => doc.id === clientId)?.portalConnected).toBe(false);
    checkpoint = first.checkpoint;
  });
  afterAll(() => ts.close());

  /** The client's document in a pull from the desktop's last checkpoint, if it came again. */
  async function pulledAgain(): Promise<Doc<'clients'> | undefined> {
    const next = await pullAll(ts.url, casey, 'clients', { from: checkpoint, limit: 500 });
    checkpoint = next.checkpoint;
    return next.documents.find((doc) => doc.id === clientId);
  }

  it('turns true when the client accepts an invitation, and false when disconnected', async () => {
    const invite = await request(ts.url, `/api/clients/${clientId}/portal/invite`, {
      method: 'POST',
      token: casey,
    });
    expectStatus(invite, 200);
    expect(await pulledAgain(), 'an invitation alone connects nothing').toBeUndefined();
    const link = ((invite.body as { inviteUrl: string }).inviteUrl.split('#')[1] ?? '').trim();
    const joined = await request(ts.url, `/api/portal/invites/${link}/accept`, {
      method: 'POST',
      json: { username: 'mass.tester', password: 'walk2thepark' },
    });
    expectStatus(joined, 201);
    expect((await pulledAgain())?.portalConnected).toBe(true);

    // A change that does not connect or disconnect (a new password) sends nothing.
    await ts.server.db.query(
      `UPDATE client_accounts SET password_hash = 'changed' WHERE client_id = $1::uuid`,
      [clientId],
    );
    expect(await pulledAgain()).toBeUndefined();

    expectStatus(
      await request(ts.url, `/api/clients/${clientId}/portal/disconnect`, { method: 'POST', token: casey }),
      200,
    );
    expect((await pulledAgain())?.portalConnected).toBe(false);

    // Connecting again (a new invitation accepted) flips it back.
    const again = await request(ts.url, `/api/clients/${clientId}/portal/invite`, {
      method: 'POST',
      token: casey,
    });
    const relink = (again.body as { inviteUrl: string }).inviteUrl.split('#')[1] ?? '';
    expectStatus(
      await request(ts.url, `/api/portal/invites/${relink}/accept`, {
        method: 'POST',
        json: { username: 'mass.tester', password: 'walk2thepark2' },
      }),
      201,
    );
    expect((await pulledAgain())?.portalConnected).toBe(true);
  });

  it('is true for an account created directly (as the seed and imports do)', async () => {
    const other = idAt(await demoClientIds(ts.server.db), 7);
    await ts.server.db.query(
      `INSERT INTO client_accounts (client_id, username, password_hash) VALUES ($1::uuid, 'direct.account', 'x')`,
      [other],
    );
    const next = await pullAll(ts.url, casey, 'clients', { from: checkpoint, limit: 500 });
    checkpoint = next.checkpoint;
    expect(next.documents.find((doc) => doc.id === other)?.portalConnected).toBe(true);
  });
});
