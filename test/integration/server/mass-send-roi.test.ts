import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roiBlocksRequestSql } from '../../../server/mass-send/roi-sql';
import { clientRois } from '../../../server/requests/catalog-store';
import { addDaysToIsoDate, todayIsoDate } from '../../../shared/domain/dates';
import { canRequestRoi } from '../../../shared/domain/roi-rule';
import { todayInTimeZone } from '../../../shared/domain/time-zone';
import { finishedJob, insertClients, resultsOf, startMassSend } from '../../support/mass-send';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const HARBOR = 'Harbor Light Outreach';

type RoiData = Record<string, unknown>;

const roi = (today: string, startOffset: number, endOffset: number, active = true): RoiData => ({
  signedName: 'Test Client',
  signedDate: addDaysToIsoDate(today, startOffset),
  startDate: addDaysToIsoDate(today, startOffset),
  endDate: addDaysToIsoDate(today, endOffset),
  active,
});

/** Every kind of record set the rule has to judge, relative to `today`. */
function cases(today: string): RoiData[][] {
  const single: RoiData[][] = [];
  for (const active of [true, false])
    for (const start of [-400, -30, -1, 0, 1])
      for (const end of [-30, -1, 0, 1, 5, 6, 7, 8, 9, 30, 365])
        if (end >= start) single.push([roi(today, start, end, active)]);
  const malformed: RoiData[][] = [
    [{ ...roi(today, -10, 100), startDate: '' }],
    [{ ...roi(today, -10, 100), endDate: '2031-02-30' }],
    [{ ...roi(today, -10, 100), endDate: '2030-13-01' }],
    [{ ...roi(today, -10, 100), startDate: '0050-01-01' }],
    [{ ...roi(today, -10, 100), startDate: '0099-12-31' }],
    [{ ...roi(today, -10, 100), startDate: '0100-01-01' }],
    [{ ...roi(today, -10, 100), startDate: 'yesterday' }],
    [{ ...roi(today, -10, 100), endDate: `${addDaysToIsoDate(today, 100)}T00:00:00Z` }],
    [{ ...roi(today, -10, 100), startDate: undefined }],
    [{ ...roi(today, -10, 100), endDate: undefined }],
    [{ ...roi(today, -10, 100), active: undefined }],
    [{ ...roi(today, -10, 100), endDate: '2028-02-29' }],
    [{ ...roi(today, -10, 100), endDate: '2100-02-29' }],
  ];
  const several: RoiData[][] = [
    [roi(today, -300, 365, false), roi(today, -300, 6)],
    [roi(today, -300, 8), roi(today, -300, 3)],
    [roi(today, -300, 7), roi(today, -300, 7)],
    [roi(today, 1, 365), roi(today, -300, -1)],
  ];
  return [[], ...single, ...malformed, ...several];
}

describe('the ROI rule in SQL', () => {
  let ts: TestServer;
  let casey: string;
  let agencyId: string;

  beforeAll(async () => {
    ts = await startTestServer();
    casey = await signIn(ts.url, 'casey');
    const agency = await ts.server.db.query<{ id: string }>(
      'SELECT id::text AS id FROM agencies WHERE name = $1',
      [HARBOR],
    );
    agencyId = agency.rows[0]?.id ?? '';
  });
  afterAll(() => ts.close());

  async function addRois(clientId: string, rois: RoiData[]): Promise<void> {
    for (const data of rois)
      await ts.server.db.query(
        `INSERT INTO client_records (client_id, agency_id, kind, submitted_by, title, data)
         VALUES ($1::uuid, $2::uuid, 'roi', 'client', 'Release of Information', $3::jsonb)`,
        [clientId, agencyId, JSON.stringify(data)],
      );
  }

  /** What the SQL decides for each client on `today`: true when an ROI request must be refused. */
  async function sqlBlocks(clientIds: string[], today: string): Promise<Map<string, boolean>> {
    const result = await ts.server.db.query<{ id: string; blocked: boolean }>(
      `SELECT c.id::text AS id, ${roiBlocksRequestSql('c.id', '$2::date')} AS blocked
         FROM clients c WHERE c.id = ANY($1::uuid[])`,
      [clientIds, today],
    );
    return new Map(result.rows.map((row) => [row.id, row.blocked]));
  }

  it.each([
    ['today', todayIsoDate()],
    ['the day before a leap day', '2028-02-28'],
    ['new year’s eve', '2030-12-31'],
  ])('decides exactly as canRequestRoi for every kind of record set (%s)', async (_label, today) => {
    const sets = cases(today);
    const ids = await insertClients(ts.server.db, {
      agency: HARBOR,
      count: sets.length,
      prefix: `Roi${today.replace(/-/g, '')}`,
      connected: true,
    });
    for (const [index, set] of sets.entries()) await addRois(ids[index] ?? '', set);
    const decided = await sqlBlocks(ids, today);
    let blocked = 0;
    for (const [index, id] of ids.entries()) {
      const expected = !canRequestRoi(await clientRois(ts.server.db, id), today);
      if (expected) blocked += 1;
      expect(decided.get(id), JSON.stringify(sets[index])).toBe(expected);
    }
    // Both answers occur, so agreement is not an accident of one constant answer.
    expect(blocked).toBeGreaterThan(10);
    expect(blocked).toBeLessThan(ids.length - 10);
  });

  it('skips clients whose ROI has more than 7 days left, and serves 6 and 7 days, inactive and none', async () => {
    // The sender's agency's today: Harbor Light's calendar is Los Angeles's.
    const today = todayInTimeZone('America/Los_Angeles');
    const [sixDays, sevenDays, eightDays, inactive, none, longActive] = await insertClients(ts.server.db, {
      agency: HARBOR,
      count: 6,
      prefix: 'RoiSend',
      connected: true,
    });
    if (!sixDays || !sevenDays || !eightDays || !inactive || !none || !longActive) throw new Error('clients');
    await addRois(sixDays, [roi(today, -359, 6)]);
    await addRois(sevenDays, [roi(today, -358, 7)]);
    await addRois(eightDays, [roi(today, -357, 8)]);
    await addRois(inactive, [roi(today, -100, 265, false)]);
    await addRois(longActive, [roi(today, -10, 355)]);
    for (const id of [sixDays, sevenDays, inactive, none])
      expect(canRequestRoi(await clientRois(ts.server.db, id), today)).toBe(true);

    const clientIds = [sixDays, sevenDays, eightDays, inactive, none, longActive];
    const job = await startMassSend(ts.url, casey, { kind: 'roi', clientIds });
    expect(job.description).toBe('Release of Information');
    expect(await finishedJob(ts.url, casey, job.id)).toMatchObject({ sent: 4, skipped: 2 });
    const results = new Map((await resultsOf(ts.url, casey, job.id)).map((row) => [row.clientId, row]));
    for (const id of [sixDays, sevenDays, inactive, none])
      expect(results.get(id)).toMatchObject({ outcome: 'sent', reason: null });
    for (const id of [eightDays, longActive])
      expect(results.get(id)).toMatchObject({ outcome: 'skipped', reason: 'active_roi' });
    const requests = await ts.server.db.query<{ client_id: string }>(
      `SELECT client_id::text AS client_id FROM portal_requests WHERE type = 'roi' AND client_id = ANY($1::uuid[])`,
      [clientIds],
    );
    expect(requests.rows.map((row) => row.client_id).sort()).toEqual(
      [sixDays, sevenDays, inactive, none].sort(),
    );

    // The ROI rule is for ROI requests only: a message reaches the client with an active ROI.
    const message = await startMassSend(ts.url, casey, { clientIds: [eightDays], html: '<p>Hello</p>' });
    expect(await finishedJob(ts.url, casey, message.id)).toMatchObject({ sent: 1, skipped: 0 });
  });
});
