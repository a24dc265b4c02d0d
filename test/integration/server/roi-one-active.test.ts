import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRoiRequestText } from '../../../shared/domain/roi-rule';
import { formatDayInTimeZone } from '../../../shared/domain/time-zone';
import { PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import type { ApiResponse } from '../../support/api';
import { HARBOR, NORTHSIDE } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { connectClients, postMassSend } from '../../support/mass-send';
import { sendRequest, sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * One active Release of Information per client: while an ROI request is open for a client, a
 * second one is refused, whoever sends it, with a message naming the open one as far as the
 * sender may know it. Harbor clients 6 to 29 have no ROI and no ROI request in the demo seed.
 */
describe('one open ROI request per client', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let priya: string;
  let jordan: string;
  let taylor: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, priya, jordan, taylor] = (await Promise.all(
      ['casey', 'priya', 'jordan', 'taylor'].map((name) => signIn(ts.url, name)),
    )) as [string, string, string, string];
  });
  afterAll(() => ts.close());

  const roiRequests = async (clientId: string) => {
    const result = await ts.server.db.query<{ id: string; status: string }>(
      `SELECT id::text AS id, status FROM portal_requests WHERE client_id = $1::uuid AND type = 'roi' ORDER BY sent_at`,
      [clientId],
    );
    return result.rows;
  };
  const sentOn = (iso: string, zone: string) => formatDayInTimeZone(iso, zone);
  const expectOpenRefusal = (response: ApiResponse, message: string) => {
    expect(expectErrorResponse(response, 409)).toEqual({ error: 'roi_request_open', message });
  };

  it('refuses a second request while one is open, naming it, to its sender, a colleague and another agency', async () => {
    const client = idAt(ids, 15);
    const first = await sendRequestOk(ts.url, casey, { clientId: client, type: 'roi' });

    expectOpenRefusal(
      await sendRequest(ts.url, casey, { clientId: client, type: 'roi' }),
      `This client already has an open Release of Information request: you sent it on ${sentOn(first.sentAt, 'America/Los_Angeles')}. Wait until the client signs it, or cancel it on the CUSTOMER PORTAL page before sending another.`,
    );
    expectOpenRefusal(
      await sendRequest(ts.url, priya, { clientId: client, type: 'roi' }),
      openRoiRequestText({
        senderName: 'Casey Morgan',
        agencyName: HARBOR,
        sentOn: sentOn(first.sentAt, 'America/Los_Angeles'),
        sentByViewer: false,
      }),
    );
    // Northside staff see the shared client, and read the day in their own agency's calendar.
    const northside = await sendRequest(ts.url, jordan, { clientId: client, type: 'roi' });
    expectOpenRefusal(
      northside,
      `This client already has an open Release of Information request, sent by Casey Morgan (${HARBOR}) on ${sentOn(first.sentAt, 'America/Chicago')}. Only one can be open at a time: wait until the client signs it, or ask Casey Morgan to cancel it.`,
    );
    expect(await roiRequests(client)).toEqual([{ id: first.id, status: 'sent' }]);

    // Other kinds of request are not held up by it.
    const location = await sendRequest(ts.url, priya, { clientId: client, type: 'location' });
    expect(location.status).toBe(201);
  });

  it('lets a new request go once the open one is cancelled, completed or expired', async () => {
    for (const [index, closing] of [
      [16, `status = 'cancelled', cancelled_at = now()`],
      [17, `expires_at = now() - interval '1 second'`],
      [18, `status = 'expired'`],
    ] as const) {
      const client = idAt(ids, index);
      const first = await sendRequestOk(ts.url, casey, { clientId: client, type: 'roi' });
      expect((await sendRequest(ts.url, priya, { clientId: client, type: 'roi' })).status).toBe(409);
      await ts.server.db.query(`UPDATE portal_requests SET ${closing} WHERE id = $1::uuid`, [first.id]);
      const again = await sendRequest(ts.url, priya, { clientId: client, type: 'roi' });
      expect(again.status, JSON.stringify(again.body)).toBe(201);
    }
  });

  it('never names another agency’s private request to staff who may not see it', async () => {
    // An ROI request cannot be made private any more, but one from before may still be open.
    // Client 13 is shared, so Northside's administrator sees it too.
    const client = idAt(ids, 13);
    const sentAt = '2026-01-15T20:00:00.000Z';
    await ts.server.db.query(
      `INSERT INTO portal_requests (id, client_id, agency_id, sender_staff_id, type, private, description, status,
                                    sent_at, expires_at)
       SELECT $1::uuid, $2::uuid, u.agency_id, u.id, 'roi', true, 'Release of Information', 'viewed',
              $3::timestamptz, now() + interval '10 days'
         FROM users u WHERE u.username = 'jordan'`,
      [randomUUID(), client, sentAt],
    );
    const hidden = await sendRequest(ts.url, casey, { clientId: client, type: 'roi' });
    const error = expectErrorResponse(hidden, 409);
    expect(error).toEqual({ error: 'roi_request_open', message: openRoiRequestText(null) });
    for (const secret of ['Jordan', 'Northside', 'Jan', '2026']) expect(error.message).not.toContain(secret);

    // Within its own agency, it is named.
    expectOpenRefusal(
      await sendRequest(ts.url, taylor, { clientId: client, type: 'roi' }),
      openRoiRequestText({
        senderName: 'Jordan Lee',
        agencyName: NORTHSIDE,
        sentOn: sentOn(sentAt, 'America/Chicago'),
        sentByViewer: false,
      }),
    );
  });

  it('refuses a private ROI request: an ROI is the client’s consent to share', async () => {
    const client = idAt(ids, 20);
    const response = await sendRequest(ts.url, casey, { clientId: client, type: 'roi', private: true });
    expect(expectErrorResponse(response, 400).message).toContain(
      'A Release of Information request cannot be private',
    );
    const mass = await postMassSend(ts.url, casey, { kind: 'roi', clientIds: [client], private: true });
    expect(expectErrorResponse(mass, 400).message).toContain(
      'A Release of Information request cannot be private',
    );
    expect(await roiRequests(client)).toEqual([]);
  });

  it('follows the demo seed: Aaliyah’s ROI may be renewed, but Priya’s renewal is already waiting', async () => {
    const aaliyah = idAt(ids, 1);
    const before = await roiRequests(aaliyah);
    const response = await sendRequest(ts.url, casey, { clientId: aaliyah, type: 'roi' });
    expect(expectErrorResponse(response, 409).message).toMatch(
      /^This client already has an open Release of Information request, sent by Priya Shah \(Harbor Light Outreach\) on /,
    );
    expect(await roiRequests(aaliyah)).toEqual(before);
    // Marcus's ROI in force still answers with the product's own words.
    expect(
      expectErrorResponse(await sendRequest(ts.url, priya, { clientId: idAt(ids, 0), type: 'roi' }), 409),
    ).toEqual({ error: 'active_roi', message: PRODUCT_TEXTS.activeRoiExists });
  });

  it('holds when two staff members send at the same moment: one request is stored', async () => {
    const indexes = [21, 22, 23, 24, 25, 26, 27, 28, 29];
    // Connected to the portal, so the mass send does not skip them for want of an account.
    await connectClients(
      ts.server.db,
      indexes.map((index) => idAt(ids, index)),
    );
    for (const index of indexes) {
      const client = idAt(ids, index);
      const answers = await Promise.all([
        sendRequest(ts.url, casey, { clientId: client, type: 'roi' }),
        sendRequest(ts.url, priya, { clientId: client, type: 'roi' }),
        postMassSend(ts.url, casey, { kind: 'roi', clientIds: [client] }),
      ]);
      const single = answers.slice(0, 2).map((answer) => answer.status);
      expect(single.filter((status) => status === 201).length).toBeLessThanOrEqual(1);
      // The mass send's worker decides later; wait for it before counting.
      await waitForJobs();
      expect(
        (await roiRequests(client)).filter((row) => row.status === 'sent'),
        `client ${index}: ${JSON.stringify(single)}`,
      ).toHaveLength(1);
    }
  });

  it('skips, in a mass send, a client whose ROI request is still open', async () => {
    const open = idAt(ids, 10);
    const free = idAt(ids, 11);
    await sendRequestOk(ts.url, priya, { clientId: open, type: 'roi' });
    await connectClients(ts.server.db, [open, free]);
    const job = await postMassSend(ts.url, casey, { kind: 'roi', clientIds: [open, free] });
    expect(job.status).toBe(202);
    await waitForJobs();
    const results = await ts.server.db.query<{ client_id: string; outcome: string; reason: string | null }>(
      `SELECT client_id::text AS client_id, outcome, reason FROM mass_send_recipients
        WHERE job_id = $1::uuid ORDER BY position`,
      [(job.body as { job: { id: string } }).job.id],
    );
    expect(results.rows).toEqual([
      { client_id: open, outcome: 'skipped', reason: 'roi_request_open' },
      { client_id: free, outcome: 'sent', reason: null },
    ]);
    expect((await roiRequests(open)).length).toBe(1);
  });

  /** Waits until no mass send is waiting or running. */
  async function waitForJobs(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const open = await ts.server.db.query(
        `SELECT 1 FROM mass_send_jobs WHERE status IN ('queued', 'running') LIMIT 1`,
      );
      if (open.rows.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('mass sends did not finish');
  }
});
