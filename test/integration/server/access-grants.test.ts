import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { clientSeenSinceSql, clientVisibleSql, viewerParams } from '../../../server/authz/viewer';
import type { StaffRole } from '../../../shared/domain/roles';
import { demoClientIds } from '../../support/demo-world';
import { startTestServer, type TestServer } from '../../support/test-server';

/*
 * viewer.ts is the one definition of who sees a client now; access_grants (migration 013) records
 * the same thing over time, for the removal rule. They must agree: with only the periods still
 * open (a checkpoint beyond every transaction), "could see since" is "sees now". Checked for every
 * staff member and client after each of many random changes of sharing and care teams (start
 * and end dates in the past, today and the future, deletions), with the sweeper run as the server
 * runs it.
 */

const STEPS = 60;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('access grants agree with viewer.ts', () => {
  let ts: TestServer;
  let clients: string[];
  let staff: { id: string; agency_id: string; role: StaffRole }[];

  beforeAll(async () => {
    ts = await startTestServer();
    clients = await demoClientIds(ts.server.db);
    staff = (
      await ts.server.db.query<{ id: string; agency_id: string; role: StaffRole }>(
        'SELECT id::text AS id, agency_id::text AS agency_id, role FROM users ORDER BY username',
      )
    ).rows;
  });
  afterAll(() => ts.close());

  /** Pairs (staff member, client) where the two definitions disagree. */
  async function disagreements(): Promise<string[]> {
    const found: string[] = [];
    for (const member of staff) {
      const viewer = { userId: member.id, agencyId: member.agency_id, role: member.role };
      const result = await ts.server.db.query<{ id: string; visible: boolean; granted: boolean }>(
        `SELECT c.id::text AS id, ${clientVisibleSql('c')} AS visible, ${clientSeenSinceSql('c', 4)} AS granted
           FROM clients c`,
        [...viewerParams(viewer), Number.MAX_SAFE_INTEGER],
      );
      for (const row of result.rows)
        if (row.visible !== row.granted) found.push(`${member.id} ${row.id} visible=${row.visible}`);
    }
    return found;
  }

  const pick = <T>(next: () => number, items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('nothing to pick');
    return item;
  };

  it(`after each of ${STEPS} random changes of sharing and care teams`, async () => {
    expect(await disagreements()).toEqual([]);
    const next = random(12);
    const db = ts.server.db;
    const dayOffsets = [-30, -1, 0, 1, 30];
    for (let step = 0; step < STEPS; step++) {
      const action = next();
      const client = pick(next, clients);
      if (action < 0.25) {
        await db.query('UPDATE clients SET shared = NOT shared WHERE id = $1::uuid', [client]);
      } else if (action < 0.55) {
        const start = pick(next, dayOffsets);
        const end = next() < 0.4 ? null : start + Math.floor(next() * 40) - 5;
        await db.query(
          `INSERT INTO care_team (client_id, staff_id, label, start_date, end_date)
           VALUES ($1::uuid, $2::uuid, 'Random', (now() AT TIME ZONE 'UTC')::date + $3::int,
                   CASE WHEN $4::int IS NULL THEN NULL ELSE (now() AT TIME ZONE 'UTC')::date + greatest($3::int, $4::int) END)`,
          [client, pick(next, staff).id, start, end],
        );
      } else if (action < 0.8) {
        const memberships = await db.query<{ id: string }>(
          'SELECT id::text AS id FROM care_team ORDER BY id',
        );
        const membership = pick(next, memberships.rows).id;
        await db.query(
          `UPDATE care_team SET end_date = greatest(start_date, (now() AT TIME ZONE 'UTC')::date + $2::int)
            WHERE id = $1::uuid`,
          [membership, pick(next, dayOffsets)],
        );
      } else {
        const memberships = await db.query<{ id: string }>(
          'SELECT id::text AS id FROM care_team WHERE NOT deleted ORDER BY id',
        );
        await db.query('UPDATE care_team SET deleted = true WHERE id = $1::uuid', [
          pick(next, memberships.rows).id,
        ]);
      }
      if (next() < 0.5) await sweepCareTeamTransitions(db);
      expect(await disagreements(), `step ${step}`).toEqual([]);
    }
  }, 120_000);
});
