import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { todayIsoDate } from '../../../shared/domain/dates';
import { REDACTED_FULFILMENT_TITLES } from '../../../shared/domain/requests';
import { type Doc, editClient, expectStatus, pullAll, request } from '../../support/api';
import { HARBOR, NORTHSIDE } from '../../support/demo-lookup';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { portalSignIn } from '../../support/messaging';
import { catalogIds, need, sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Notifications follow their staff member, not the client, so they are never removed: when the
 * staff member loses sight of the client (a care team ends, the record stops being shared), the
 * server rewrites them without the client's name and the next pull carries the new words. Staff
 * who still see the client keep theirs as they were.
 */

const ANSWERS = { living_situation: 'Emergency shelter', household_size: 2 };

describe('notifications about a client their staff member no longer sees', () => {
  let ts: TestServer;
  let ids: string[];
  let jordan: string;
  let casey: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [jordan, casey] = (await Promise.all(['jordan', 'casey'].map((u) => signIn(ts.url, u)))) as [
      string,
      string,
    ];
  });
  afterAll(() => ts.close());

  /** The client answers an assessment request from their phone; answers the notification's id. */
  async function fulfilled(portalUser: string, staffToken: string, clientId: string, agency: string) {
    const housing = need(
      (await catalogIds(ts.server.db, agency)).assessments.get('Housing Needs Assessment'),
      'the housing assessment',
    );
    const sent = await sendRequestOk(ts.url, staffToken, {
      clientId,
      type: 'assessment',
      assessmentDefinitionId: housing,
    });
    const phone = await portalSignIn(ts.url, portalUser);
    const answer = await request(ts.url, `/api/portal/requests/${sent.id}/assessment`, {
      method: 'POST',
      token: phone,
      json: { assessmentDate: todayIsoDate(), answers: ANSWERS },
    });
    expectStatus(answer, 201);
    const row = await ts.server.db.query<{ id: string }>(
      'SELECT id::text AS id FROM staff_notifications WHERE request_id = $1::uuid',
      [sent.id],
    );
    return need(row.rows[0], 'the notification').id;
  }

  const notification = async (token: string, id: string): Promise<Doc<'notifications'> | undefined> =>
    (await pullAll(ts.url, token, 'notifications')).documents.find((doc) => doc.id === id);

  function expectRedacted(doc: Doc<'notifications'> | undefined, name: string): void {
    expect(doc).toMatchObject({
      title: REDACTED_FULFILMENT_TITLES.assessment,
      body: '',
      requestId: '',
      recordId: '',
      _deleted: false,
    });
    expect(JSON.stringify(doc)).not.toContain(name);
  }

  it('rewrites them when a care team ends, and only for the staff member who lost sight', async () => {
    // Linh (Harbor client 3, not shared): Jordan is on her care team, Casey is of her agency.
    const linh = idAt(ids, 3);
    const jordans = await fulfilled('linh', jordan, linh, NORTHSIDE);
    const caseys = await fulfilled('linh', casey, linh, HARBOR);
    expect((await notification(jordan, jordans))?.title).toBe(
      'Linh Clark completed Housing Needs Assessment',
    );

    await ts.server.db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [linh, await userId(ts.server.db, 'jordan')],
    );
    await sweepCareTeamTransitions(ts.server.db);

    expectRedacted(await notification(jordan, jordans), 'Linh');
    expect((await notification(casey, caseys))?.title).toBe('Linh Clark completed Housing Needs Assessment');
    // Once rewritten, always: a later sweep or access coming back does not bring the words back.
    await ts.server.db.query(
      `UPDATE care_team SET end_date = NULL WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [linh, await userId(ts.server.db, 'jordan')],
    );
    await sweepCareTeamTransitions(ts.server.db);
    expectRedacted(await notification(jordan, jordans), 'Linh');
  });

  it('rewrites them when the record stops being shared', async () => {
    // Marcus (Harbor client 0) is shared: Jordan sees him only through the sharing.
    const marcus = idAt(ids, 0);
    const jordans = await fulfilled('marcus', jordan, marcus, NORTHSIDE);
    const before = await notification(jordan, jordans);
    expect(before?.title).toMatch(/^Marcus .* completed Housing Needs Assessment$/);
    const lastName = before?.title.split(' ')[1] ?? '';

    const base = (await pullAll(ts.url, casey, 'clients')).documents.find((doc) => doc.id === marcus);
    if (!base) throw new Error('casey does not have her agency’s client');
    expect(await editClient(ts.url, casey, base, { shared: false })).toEqual({ conflicts: [], refusals: [] });

    const after = await notification(jordan, jordans);
    expectRedacted(after, 'Marcus');
    expect(JSON.stringify(after)).not.toContain(lastName);
  });

  it('rewrites a sharing notice without saying whose record or which choice', async () => {
    // Linh (Harbor client 3, not shared): a notice to Jordan of her sharing choice, then his sight ends.
    const linh = idAt(ids, 3);
    const jordanId = await userId(ts.server.db, 'jordan');
    await ts.server.db.query(
      `INSERT INTO care_team (client_id, staff_id, label, start_date)
       SELECT $1::uuid, $2::uuid, 'Case manager', (now() AT TIME ZONE 'UTC')::date - 10
        WHERE NOT EXISTS (SELECT 1 FROM care_team WHERE client_id = $1::uuid AND staff_id = $2::uuid)`,
      [linh, jordanId],
    );
    const inserted = await ts.server.db.query<{ id: string }>(
      `INSERT INTO staff_notifications (staff_id, kind, client_id, title, body)
       VALUES ($1::uuid, 'sharing_withdrawn', $2::uuid, 'Linh Clark stopped sharing her record with another agency', '')
       RETURNING id::text AS id`,
      [jordanId, linh],
    );
    const id = need(inserted.rows[0], 'the notice').id;
    await ts.server.db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [linh, jordanId],
    );
    await sweepCareTeamTransitions(ts.server.db);
    const after = await notification(jordan, id);
    expect(after?.title).toBe('A client you no longer have access to changed who can see their record');
    expect(JSON.stringify(after)).not.toContain('Linh');
  });
});
