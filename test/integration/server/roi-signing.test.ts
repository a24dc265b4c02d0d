import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalRequest } from '../../../server/portal-api/request-views';
import { todayIsoDate } from '../../../shared/domain/dates';
import { isRoiInForce, roiTerm } from '../../../shared/domain/roi-rule';
import { todayInTimeZone } from '../../../shared/domain/time-zone';
import { type ApiResponse, expectStatus, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { HARBOR, NORTHSIDE } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * A client signing a Release of Information: the name must be theirs, the date is the agency's
 * today (set by the server), the page says what is shared with whom until when, and the
 * one-active-ROI rule is checked again in the signing transaction, so two requests open at once
 * (made before the rule, or by a race) can never both end in an active ROI.
 */
describe('signing a Release of Information', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let alex: string;
  let tyrone: string;
  // Tyrone Harris (Harbor client 4, shared) has a portal account, casey on his care team, and no ROI.
  const TYRONE = 4;
  const LA = 'America/Los_Angeles';

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, alex] = (await Promise.all(['casey', 'alex'].map((name) => signIn(ts.url, name)))) as [
      string,
      string,
    ];
    tyrone = await portalSignIn(ts.url, 'tyrone');
  });
  afterAll(() => ts.close());

  const portal = (path: string, json?: unknown) =>
    request(ts.url, path, { method: json === undefined ? 'GET' : 'POST', token: tyrone, json });
  const sign = (requestId: string, body: Record<string, unknown>) =>
    portal(`/api/portal/requests/${requestId}/roi`, body);

  /** An ROI request to Tyrone as one made before the rule would be: inserted beside any other. */
  async function openRoiRequest(): Promise<string> {
    const id = randomUUID();
    await ts.server.db.query(
      `INSERT INTO portal_requests (id, client_id, agency_id, sender_staff_id, type, private, description, status,
                                    sent_at, expires_at)
       SELECT $1::uuid, $2::uuid, u.agency_id, u.id, 'roi', false, 'Release of Information', 'sent', now(),
              now() + interval '30 days'
         FROM users u WHERE u.username = 'casey'`,
      [id, idAt(ids, TYRONE)],
    );
    return id;
  }

  /** Tyrone's ROIs in force today: how many, after each case. */
  async function roisInForce(): Promise<number> {
    const result = await ts.server.db.query<{
      data: { startDate: string; endDate: string; active: boolean };
    }>(`SELECT data FROM client_records WHERE client_id = $1::uuid AND kind = 'roi' AND NOT deleted`, [
      idAt(ids, TYRONE),
    ]);
    return result.rows.filter((row) => isRoiInForce(row.data, todayInTimeZone(LA))).length;
  }

  /** The agency ends Tyrone's ROIs early, so the next case starts with none in force. */
  async function endRois(): Promise<void> {
    await ts.server.db.query(
      `UPDATE client_records SET data = jsonb_set(data, '{active}', 'false'::jsonb)
        WHERE client_id = $1::uuid AND kind = 'roi'`,
      [idAt(ids, TYRONE)],
    );
  }

  it('shows what is shared, with whom and until when, dated in the agency’s calendar', async () => {
    const sent = await sendRequestOk(ts.url, casey, { clientId: idAt(ids, TYRONE), type: 'roi' });
    const shown = await portal(`/api/portal/requests/${sent.id}`);
    expectStatus(shown, 200);
    const today = todayInTimeZone(LA);
    expect((shown.body as { request: PortalRequest }).request.roi).toEqual({
      termDays: 365,
      signedDate: today,
      ...roiTerm(today, 365),
      agencyName: HARBOR,
      shared: true,
      otherAgencies: [NORTHSIDE],
    });
    await ts.server.db.query(
      `UPDATE portal_requests SET status = 'cancelled', cancelled_at = now() WHERE id = $1::uuid`,
      [sent.id],
    );

    // Linh's record (Harbor client 3) is not shared: her release is with Harbor Light only.
    const linh = await portalSignIn(ts.url, 'linh');
    const toLinh = await sendRequestOk(ts.url, casey, { clientId: idAt(ids, 3), type: 'roi' });
    const linhView = await request(ts.url, `/api/portal/requests/${toLinh.id}`, { token: linh });
    expect((linhView.body as { request: PortalRequest }).request.roi).toMatchObject({
      agencyName: HARBOR,
      shared: false,
      otherAgencies: [],
    });
  });

  it('takes the client’s full name, ignoring case, accents and extra spaces, and tells a wrong one what to write', async () => {
    const id = await openRoiRequest();
    const before = await snapshotDatabase(ts.server.db);
    for (const wrong of [
      'Tyrone',
      'Harris',
      'T. Harris',
      'Tyrone Harrison',
      'Harris Tyrone',
      'Marcus Johnson',
    ]) {
      const refused = await sign(id, { signedName: wrong });
      expect(expectErrorResponse(refused, 400), wrong).toEqual({
        error: 'signed_name_mismatch',
        message: 'Type your full name as your agency has it: Tyrone Harris.',
      });
    }
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    const signed = await sign(id, { signedName: '  tyrone   HARRÏS ' });
    expectStatus(signed, 201);
    expect((signed.body as { record: { data: { signedName: string } } }).record.data.signedName).toBe(
      'tyrone   HARRÏS',
    );
    await endRois();
    // A middle name between the first and last names is the full name too.
    expectStatus(await sign(await openRoiRequest(), { signedName: 'Tyrone James Harris' }), 201);
    await endRois();
  });

  it('dates the signature itself, today in the agency’s time zone, and refuses another date', async () => {
    const id = await openRoiRequest();
    const today = todayInTimeZone(LA);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const date of ['1990-01-01', tomorrow, yesterday]) {
      const refused = await sign(id, { signedName: 'Tyrone Harris', signedDate: date });
      expect(expectErrorResponse(refused, 400).error, date).toBe('signed_date_not_today');
    }
    const signed = await sign(id, { signedName: 'Tyrone Harris', signedDate: today });
    expectStatus(signed, 201);
    expect((signed.body as { record: { data: unknown } }).record.data).toEqual({
      signedName: 'Tyrone Harris',
      signedDate: today,
      ...roiTerm(today, 365),
      active: true,
    });
    await endRois();
  });

  it('uses the time zone the agency administrator sets, not the server’s or UTC', async () => {
    const invalid = await request(ts.url, '/api/admin/agency-settings', {
      method: 'PATCH',
      token: alex,
      json: { timeZone: 'Mars/Olympus_Mons' },
    });
    expect(expectErrorResponse(invalid, 400).message).toContain('IANA time zone name');
    // Fourteen hours ahead of UTC and eleven behind: at any hour one of them is not on UTC's date.
    const seen: string[] = [];
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const set = await request(ts.url, '/api/admin/agency-settings', {
        method: 'PATCH',
        token: alex,
        json: { timeZone: zone },
      });
      expectStatus(set, 200);
      expect(set.body).toMatchObject({ timeZone: zone, settings: { roiTermDays: 365 } });
      const id = await openRoiRequest();
      const signed = await sign(id, { signedName: 'Tyrone Harris' });
      expectStatus(signed, 201);
      const date = (signed.body as { record: { data: { signedDate: string } } }).record.data.signedDate;
      expect(date).toBe(todayInTimeZone(zone));
      seen.push(date);
      await endRois();
    }
    expect(seen.some((date) => date !== todayIsoDate())).toBe(true);
    expectStatus(
      await request(ts.url, '/api/admin/agency-settings', {
        method: 'PATCH',
        token: alex,
        json: { timeZone: LA },
      }),
      200,
    );
  });

  it('refuses to sign a second open request once the first made an ROI active', async () => {
    const first = await openRoiRequest();
    const second = await openRoiRequest();
    expectStatus(await sign(first, { signedName: 'Tyrone Harris' }), 201);
    const again = await sign(second, { signedName: 'Tyrone Harris' });
    expect(expectErrorResponse(again, 409)).toEqual({
      error: 'active_roi',
      message:
        'You already have a Release of Information in force, so this one cannot be signed. Your case manager can tell you more.',
    });
    expect(await roisInForce()).toBe(1);
    await endRois();
  });

  it('signs exactly one of two open requests signed at the same moment, every time', async () => {
    for (let round = 0; round < 25; round++) {
      const pair = [await openRoiRequest(), await openRoiRequest()];
      const answers: ApiResponse[] = await Promise.all(
        pair.map((id) => sign(id, { signedName: 'Tyrone Harris' })),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses, `round ${round}: ${JSON.stringify(answers.map((a) => a.body))}`).toEqual([201, 409]);
      expect(await roisInForce(), `round ${round}`).toBe(1);
      await endRois();
      await ts.server.db.query(
        `UPDATE portal_requests SET status = 'cancelled', cancelled_at = now() WHERE id = ANY($1::uuid[]) AND status = 'sent'`,
        [pair],
      );
    }
  });
});
