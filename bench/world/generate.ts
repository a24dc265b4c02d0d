import { hashPassword } from '../../server/auth/passwords';
import type { Database } from '../../server/db/database';
import { progress } from '../lib/progress';
import { CATALOG_ROWS, insertAgency, PROGRAMS } from './agency';
import { insertClients } from './clients';
import { insertMessages, insertThreads } from './conversations';
import { insertFloorAgency, signInPortalClients } from './floor-and-portal';
import { messageBodies } from './message-bodies';
import { insertRequests } from './requests';
import { Formulas, idOf } from './sql-formulas';
import { BENCH_PASSWORD, type BenchWorld, type WorldScale } from './world';

const BODY_VARIANTS = 400;

/** Midnight UTC today: timestamps are relative to it, so open requests are open whenever the bench runs. */
function todayAnchor(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
}

/**
 * Builds a large agency in an empty database, deterministically from `seed`: set-based INSERTs
 * through the real schema, so the stamp trigger gives every row its seq and the constraints check
 * every row, exactly as if the rows had been written one by one.
 */
export async function generateWorld(db: Database, seed: number, scale: WorldScale): Promise<BenchWorld> {
  if (scale.messages < scale.clients) throw new Error('the generator needs at least one message per client');
  const f = new Formulas(seed, scale.clients, scale.messages, scale.staff);
  const anchor = todayAnchor();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const bodies = messageBodies(seed, BODY_VARIANTS);

  progress(`generating ${scale.clients} clients, their care teams and conversations…`);
  const ids = await db.transaction(async (tx) => {
    const agency = await insertAgency(tx, f, passwordHash);
    await insertClients(tx, f, agency.agencyId, anchor);
    await insertThreads(tx, f, agency.agencyId, anchor, bodies);
    const floor = await insertFloorAgency(tx, f, agency.floorAgencyId);
    return { agencyId: agency.agencyId, floor };
  });
  await insertMessages(
    (work) => db.transaction(work),
    f,
    ids.agencyId,
    anchor,
    bodies,
    (done) => progress(`  ${done} of ${scale.messages} messages`),
  );
  progress(`generating ${scale.requests} requests…`);
  await db.transaction((tx) => insertRequests(tx, f, ids.agencyId, anchor, scale.requests));
  // Fresh statistics, as autovacuum would gather on a live server; without them the planner guesses.
  await db.query('ANALYZE');

  const staffId = idOf(seed, 'staff', 1);
  const portalClients = await signInPortalClients(db, staffId, passwordHash);
  return {
    seed,
    scale,
    anchor,
    agencyId: ids.agencyId,
    staff: { id: staffId, username: 'bench', password: BENCH_PASSWORD },
    colleagueIds: Array.from({ length: scale.staff - 1 }, (_, i) => idOf(seed, 'staff', i + 2)),
    floor: ids.floor,
    portalClients,
    // By construction: the directory is everyone's (both agencies, all staff, the programs); every
    // client of the agency and what hangs off it is the bench staff member's; the floor agency's
    // private client and conversation are not.
    visibleCounts: {
      directory: 2 + scale.staff + 1 + PROGRAMS.length,
      clients: scale.clients,
      memberships: scale.clients,
      threads: scale.clients,
      messages: scale.messages,
      requests: scale.requests,
      records: 0,
      notifications: 0,
      catalog: CATALOG_ROWS,
    },
  };
}
