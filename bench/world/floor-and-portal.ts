import type { Database, Queryable } from '../../server/db/database';
import { createClientSession } from '../../server/portal-api/client-sessions';
import { type Formulas, idOf } from './sql-formulas';
import type { BenchWorld } from './world';

const PORTAL_CLIENTS = 8;
const SESSION_TTL_MS = 12 * 60 * 60_000;

/** One private client of the floor agency with a thread: floors commit their rows there, unseen. */
export async function insertFloorAgency(
  tx: Queryable,
  f: Formulas,
  floorAgencyId: string,
): Promise<BenchWorld['floor']> {
  const floor = {
    agencyId: floorAgencyId,
    staffId: idOf(f.seed, 'floor-staff', 1),
    clientId: idOf(f.seed, 'floor-client', 1),
    threadId: idOf(f.seed, 'floor-thread', 1),
  };
  await tx.query(
    `INSERT INTO clients (id, agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth, shared)
     VALUES ($1::uuid, $2::uuid, 'Floor', 'Client', 'floor', 'client', DATE '1980-01-01', false)`,
    [floor.clientId, floor.agencyId],
  );
  await tx.query(
    `INSERT INTO threads (id, client_id, staff_id, agency_id, started_by, last_sender_kind)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, 'staff', 'staff')`,
    [floor.threadId, floor.clientId, floor.staffId, floor.agencyId],
  );
  return floor;
}

/**
 * Customer Portal accounts for a few clients whose conversation is with the bench staff member,
 * signed in through the product's own session code, so the live figure posts as real clients do.
 */
export async function signInPortalClients(
  db: Database,
  staffId: string,
  passwordHash: string,
): Promise<BenchWorld['portalClients']> {
  const threads = await db.query<{ client_id: string; id: string }>(
    `SELECT client_id::text AS client_id, id::text AS id FROM threads
      WHERE staff_id = $1::uuid AND NOT private ORDER BY id LIMIT $2`,
    [staffId, PORTAL_CLIENTS],
  );
  const signedIn: BenchWorld['portalClients'] = [];
  for (const [index, thread] of threads.rows.entries()) {
    const account = await db.query<{ id: string }>(
      `INSERT INTO client_accounts (client_id, username, password_hash) VALUES ($1::uuid, $2, $3)
       RETURNING id::text AS id`,
      [thread.client_id, `bench-client-${index + 1}`, passwordHash],
    );
    const accountId = account.rows[0]?.id;
    if (!accountId) throw new Error('creating a portal account returned no id');
    const { token } = await createClientSession(db, accountId, SESSION_TTL_MS);
    signedIn.push({ clientId: thread.client_id, threadId: thread.id, token });
  }
  return signedIn;
}
