import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import type { ApiResponse } from '../../support/api';
import { NORTHSIDE } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { insertRoi, sendRequest } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * The Release of Information rule at the server: a new ROI request is refused exactly when the
 * client has an ROI in force that does not expire within 7 days, whatever the desktop decided.
 * Harbor clients 6 to 12 have no ROI in the demo seed; each case gets a client of its own.
 */
describe('the ROI rule at the server', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    casey = await signIn(ts.url, 'casey');
  });
  afterAll(() => ts.close());

  const requestRoi = (clientIndex: number) =>
    sendRequest(ts.url, casey, { clientId: idAt(ids, clientIndex), type: 'roi' });
  const roiRequestCount = async (clientIndex: number) => {
    const result = await ts.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM portal_requests WHERE client_id = $1::uuid AND type = 'roi'`,
      [idAt(ids, clientIndex)],
    );
    return result.rows[0]?.n;
  };
  const expectRefused = async (response: ApiResponse, clientIndex: number) => {
    const error = expectErrorResponse(response, 409);
    expect(error).toEqual({ error: 'active_roi', message: PRODUCT_TEXTS.activeRoiExists });
    expect(error.message).toBe(
      'This client already has an active Release of Information. Please review the client’s Release of Information history.',
    );
    expect(await roiRequestCount(clientIndex)).toBe(0);
  };

  it('sends the request when the active ROI ends in 6 days', async () => {
    await insertRoi(ts.server.db, idAt(ids, 6), { startInDays: -300, endInDays: 6, active: true });
    const response = await requestRoi(6);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({
      request: { type: 'roi', status: 'sent', description: 'Release of Information' },
    });
  });

  it('sends the request when the active ROI ends in exactly 7 days', async () => {
    await insertRoi(ts.server.db, idAt(ids, 7), { startInDays: -300, endInDays: 7, active: true });
    expect((await requestRoi(7)).status).toBe(201);
  });

  it('refuses it with the product’s pop-up text when the active ROI ends in 8 days', async () => {
    await insertRoi(ts.server.db, idAt(ids, 8), { startInDays: -300, endInDays: 8, active: true });
    await expectRefused(await requestRoi(8), 8);
  });

  it('sends it when the only ROI is inactive, however far off its end date', async () => {
    await insertRoi(ts.server.db, idAt(ids, 9), { startInDays: -10, endInDays: 300, active: false });
    expect((await requestRoi(9)).status).toBe(201);
  });

  it('sends it when the client has no ROI, or only one that already ended', async () => {
    expect((await requestRoi(10)).status).toBe(201);
    await insertRoi(ts.server.db, idAt(ids, 12), { startInDays: -400, endInDays: -1, active: true });
    expect((await requestRoi(12)).status).toBe(201);
  });

  it('looks at every agency’s ROIs: one held by another agency counts too', async () => {
    await insertRoi(ts.server.db, idAt(ids, 14), {
      startInDays: -30,
      endInDays: 100,
      active: true,
      agencyName: NORTHSIDE,
    });
    await expectRefused(await requestRoi(14), 14);
  });

  it('follows the demo seed: Marcus refused, Aaliyah (5 days left) refused for Priya’s open request, José (inactive) allowed', async () => {
    const before = await roiRequestCount(0);
    const marcus = await requestRoi(0);
    expectErrorResponse(marcus, 409);
    expect(await roiRequestCount(0)).toBe(before);
    // Aaliyah's ROI may be renewed, but Priya's renewal request is already open (one at a time).
    const aaliyahBefore = await roiRequestCount(1);
    expect(expectErrorResponse(await requestRoi(1), 409).error).toBe('roi_request_open');
    expect(await roiRequestCount(1)).toBe(aaliyahBefore);
    expect((await requestRoi(2)).status).toBe(201);
  });
});
