import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyView } from '../../../shared/domain/privacy';
import { expectStatus, request } from '../../support/api';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM } from '../../support/demo-world';
import { portalSignIn } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const SERVER_START_MS = 180_000;

/*
 * The client's privacy page: who can see their record (by the same rules the server enforces) and
 * who looked at it (the audit log's views), never with staff names unless the agency allows it.
 */
describe('the client’s privacy page', () => {
  let ts: TestServer;
  let ids: string[];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    for (const name of ['casey', 'jordan', 'alex']) tokens[name] = await signIn(ts.url, name);
  }, SERVER_START_MS);

  afterAll(async () => {
    await ts?.close();
  });

  const reportView = async (
    token: string | undefined,
    clientId: string,
    what: string,
    minutesAgo: number,
  ) => {
    const answer = await request(ts.url, '/api/audit/views', {
      method: 'POST',
      token,
      json: {
        views: [{ clientId, viewedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), what }],
      },
    });
    expectStatus(answer, 200);
  };

  const privacyOf = async (username: string): Promise<PrivacyView> => {
    const answer = await request(ts.url, '/api/portal/privacy', {
      token: await portalSignIn(ts.url, username),
    });
    expectStatus(answer, 200);
    return answer.body as PrivacyView;
  };

  it('names the agencies of a shared record and who shared it', async () => {
    const view = await privacyOf('marcus');
    expect(view.whoCanSee.map((reason) => reason.kind)).toEqual(['own', 'shared', 'system_admins']);
    expect(view.whoCanSee[0]).toMatchObject({ kind: 'own', agency: 'Harbor Light Outreach' });
    expect(view.whoCanSee[1]).toMatchObject({
      kind: 'shared',
      agency: 'Northside Family Shelter',
      sharedBy: 'Harbor Light Outreach',
    });
  });

  it('names a care-team member of another agency for a record that is not shared', async () => {
    const linhId = idAt(ids, JORDAN_ACTIVE_CARE_TEAM);
    const account = await ts.server.db.query<{ username: string }>(
      'SELECT username FROM client_accounts WHERE client_id = $1::uuid',
      [linhId],
    );
    const username = account.rows[0]?.username ?? '';
    expect(username).not.toBe('');
    const view = await privacyOf(username);
    expect(view.whoCanSee.map((reason) => reason.kind)).toEqual(['own', 'care_team', 'system_admins']);
    expect(view.whoCanSee[1]).toMatchObject({
      kind: 'care_team',
      agency: 'Northside Family Shelter',
      role: 'Shelter case manager',
    });
  });

  it('lists staff views newest first, as agency and role, with names only where the agency allows', async () => {
    const marcusId = idAt(ids, 0);
    await reportView(tokens.casey, marcusId, 'profile', 200);
    await reportView(tokens.casey, marcusId, 'messages', 100);
    await reportView(tokens.jordan, marcusId, 'records:document', 10);
    let view = await privacyOf('marcus');
    expect(view.days).toBe(90);
    expect(view.views.map(({ agency, role, name, part }) => ({ agency, role, name, part }))).toEqual([
      { agency: 'Northside Family Shelter', role: 'Shelter case manager', name: null, part: 'document' },
      { agency: 'Harbor Light Outreach', role: 'Case manager', name: null, part: 'messages' },
      { agency: 'Harbor Light Outreach', role: 'Case manager', name: null, part: 'profile' },
    ]);
    // Harbor Light turns names on; Northside's stay hidden.
    expectStatus(
      await request(ts.url, '/api/admin/portal-preferences', {
        method: 'PATCH',
        token: tokens.alex,
        json: { quietHours: { start: '21:00', end: '08:00' }, showStaffNames: true },
      }),
      200,
    );
    view = await privacyOf('marcus');
    expect(view.views.map((entry) => entry.name)).toEqual([null, 'Casey Morgan', 'Casey Morgan']);
    // Another client never sees Marcus's views.
    const aaliyah = await privacyOf('aaliyah');
    expect(aaliyah.views).toEqual([]);
  });
});
