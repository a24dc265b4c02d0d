import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalRequest } from '../../../server/portal-api/request-views';
import { agencyTimeZone } from '../../../server/requests/agency-calendar';
import { addDaysToIsoDate } from '../../../shared/domain/dates';
import { latestDueDate } from '../../../shared/domain/requests';
import { todayInTimeZone } from '../../../shared/domain/time-zone';
import { expectStatus, pullAll, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { HARBOR } from '../../support/demo-lookup';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { sendRequest, sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/** Due dates on requests (issue 16): what the server takes, refuses, replicates and shows the client. */
describe('a request due by a day', () => {
  let ts: TestServer;
  let casey: string;
  let marcus: string;
  let marcusId: string;
  let today: string;

  beforeAll(async () => {
    ts = await startTestServer();
    casey = await signIn(ts.url, 'casey');
    marcus = await portalSignIn(ts.url, 'marcus');
    const account = await ts.server.db.query<{ client_id: string }>(
      "SELECT client_id::text AS client_id FROM client_accounts WHERE username = 'marcus'",
    );
    marcusId = account.rows[0]?.client_id ?? '';
    const harbor = await ts.server.db.query<{ id: string }>(
      'SELECT id::text AS id FROM agencies WHERE name = $1',
      [HARBOR],
    );
    today = todayInTimeZone(await agencyTimeZone(ts.server.db, harbor.rows[0]?.id ?? ''));
  });
  afterAll(() => ts.close());

  const portalRequests = async (): Promise<PortalRequest[]> => {
    const response = await request(ts.url, '/api/portal/requests', { token: marcus });
    expectStatus(response, 200);
    return (response.body as { requests: PortalRequest[] }).requests;
  };

  it('stores the day, replicates it to staff and shows it to the client', async () => {
    const due = addDaysToIsoDate(today, 3);
    const sent = await sendRequestOk(ts.url, casey, {
      clientId: marcusId,
      type: 'location',
      private: false,
      dueDate: due,
    });
    expect(sent.dueDate).toBe(due);
    const pulled = (await pullAll(ts.url, casey, 'requests')).documents.find((doc) => doc.id === sent.id);
    expect(pulled?.dueDate).toBe(due);
    const shown = (await portalRequests()).find((item) => item.id === sent.id);
    expect(shown).toMatchObject({ dueDate: due, overdue: false });
    // Without one, it has none.
    const undated = await sendRequestOk(ts.url, casey, {
      clientId: marcusId,
      type: 'location',
      private: false,
    });
    expect(undated.dueDate).toBe('');
    expect((await portalRequests()).find((item) => item.id === undated.id)).toMatchObject({
      dueDate: null,
      overdue: false,
    });
  });

  it('refuses a day already past, past the request’s expiry, or not a date, and stores nothing', async () => {
    const before = await snapshotDatabase(ts.server.db);
    const attempt = (dueDate: unknown) =>
      sendRequest(ts.url, casey, {
        id: randomUUID(),
        clientId: marcusId,
        type: 'location',
        private: false,
        dueDate,
      });
    expect(expectErrorResponse(await attempt(addDaysToIsoDate(today, -1)), 400).message).toContain(
      'The due date has passed',
    );
    expect(
      expectErrorResponse(await attempt(addDaysToIsoDate(latestDueDate(today), 1)), 400).message,
    ).toContain('at most 30 days from today');
    for (const bad of ['2026-02-30', 'tomorrow', '2026-1-5', 20261211, '', '2026-12-11T00:00:00Z', null])
      expectErrorResponse(await attempt(bad), 400);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    // Today and the last day are fine.
    for (const day of [today, latestDueDate(today)])
      expect(
        (
          await sendRequestOk(ts.url, casey, {
            clientId: marcusId,
            type: 'location',
            private: false,
            dueDate: day,
          })
        ).dueDate,
      ).toBe(day);
  });

  it('lists overdue requests first, longest overdue at the top, and only open ones are overdue', async () => {
    const make = async (dueIn: number) => {
      const sent = await sendRequestOk(ts.url, casey, {
        clientId: marcusId,
        type: 'location',
        private: false,
        dueDate: addDaysToIsoDate(today, 5),
      });
      // Time passes: the day it was due by is now behind.
      await ts.server.db.query('UPDATE portal_requests SET due_date = $2::date WHERE id = $1::uuid', [
        sent.id,
        addDaysToIsoDate(today, dueIn),
      ]);
      return sent.id;
    };
    const twoDaysLate = await make(-2);
    const fiveDaysLate = await make(-5);
    const list = await portalRequests();
    expect(list.slice(0, 2).map((item) => item.id)).toEqual([fiveDaysLate, twoDaysLate]);
    expect(list.filter((item) => item.overdue).map((item) => item.id)).toEqual([fiveDaysLate, twoDaysLate]);
    // Cancelled (as the desktop's push does), it is no longer listed, overdue or not.
    await ts.server.db.query(
      "UPDATE portal_requests SET status = 'cancelled', cancelled_at = now() WHERE id = $1::uuid",
      [twoDaysLate],
    );
    const after = await portalRequests();
    expect(after.some((item) => item.id === twoDaysLate)).toBe(false);
    expect(after[0]?.id).toBe(fiveDaysLate);
  });
});
