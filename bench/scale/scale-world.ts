import { createSession } from '../../server/auth/sessions';
import type { Database } from '../../server/db/database';
import { createClientSession } from '../../server/portal-api/client-sessions';
import { idOf, idSql } from '../world/sql-formulas';

/*
 * A Continuum of Care on one server (issue 12, item 5): many agencies, each with its own staff and
 * clients, none of whom may see another agency's. Every staff member is a real session with that
 * visibility, so a live stream does for each exactly what it does for a desktop of that agency.
 */

export interface ScaleShape {
  agencies: number;
  staffPerAgency: number;
  clientsPerAgency: number;
  /** Clients per agency with a Customer Portal account, signed in. */
  portalClientsPerAgency: number;
}

export const SCALE_SHAPE: ScaleShape = {
  agencies: 40,
  staffPerAgency: 50,
  clientsPerAgency: 100,
  portalClientsPerAgency: 4,
};

export interface ScalePortalClient {
  agency: number;
  clientId: string;
  threadId: string;
  token: string;
}

export interface ScaleStaff {
  agency: number;
  id: string;
  token: string;
  /** One of this staff member's own clients, with a conversation: where the send figure writes. */
  clientId: string;
}

export interface ScaleWorld {
  shape: ScaleShape;
  agencyIds: string[];
  /** staff[a][k]: the k-th staff member of agency a. */
  staff: ScaleStaff[][];
  /** Portal clients, agency by agency (portalClientsPerAgency of each). */
  portalClients: ScalePortalClient[];
}

const SESSION_TTL_MS = 12 * 60 * 60_000;
const SEED = 20_261_202;

/** Positions: agency a (1-based), staff s of the agency, client c of the agency. */
const staffPosition = (shape: ScaleShape, a: string, s: string) =>
  `((${a}) - 1) * ${shape.staffPerAgency} + (${s})`;
const clientPosition = (shape: ScaleShape, a: string, c: string) =>
  `((${a}) - 1) * ${shape.clientsPerAgency} + (${c})`;

/**
 * Builds the agencies in an empty database with set-based INSERTs through the real schema (the
 * stamp triggers run for every row), then signs every staff member and portal client in through
 * the product's own session code.
 */
export async function generateScaleWorld(
  db: Database,
  shape: ScaleShape,
  passwordHash: string,
): Promise<ScaleWorld> {
  const s = (kind: string, position: string) => idSql(SEED, kind, position);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO agencies (id, name)
       SELECT ${s('agency', 'a')}, 'Scale Agency ' || lpad(a::text, 2, '0') FROM generate_series(1, $1::int) a`,
      [shape.agencies],
    );
    await tx.query(
      `INSERT INTO users (id, agency_id, username, password_hash, display_name, title, role)
       SELECT ${s('staff', staffPosition(shape, 'a', 'k'))}, ${s('agency', 'a')},
              'scale-' || a || '-' || k, $3, 'Staff ' || a || '-' || k, 'Case Manager', 'staff'
         FROM generate_series(1, $1::int) a, generate_series(1, $2::int) k`,
      [shape.agencies, shape.staffPerAgency, passwordHash],
    );
    // Clients belong to their agency alone (not shared), so each agency's changes are its own.
    await tx.query(
      `INSERT INTO clients (id, agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth, shared)
       SELECT ${s('client', clientPosition(shape, 'a', 'c'))}, ${s('agency', 'a')},
              'Client' || c, 'Agency' || a, 'client' || c, 'agency' || a, DATE '1980-01-01' + c, false
         FROM generate_series(1, $1::int) a, generate_series(1, $2::int) c`,
      [shape.agencies, shape.clientsPerAgency],
    );
    // Each client's conversation is with one staff member of its agency, round robin.
    await tx.query(
      `INSERT INTO threads (id, client_id, staff_id, agency_id, started_by, last_sender_kind)
       SELECT ${s('thread', clientPosition(shape, 'a', 'c'))}, ${s('client', clientPosition(shape, 'a', 'c'))},
              ${s('staff', staffPosition(shape, 'a', `1 + (c - 1) % ${shape.staffPerAgency}`))}, ${s('agency', 'a')},
              'staff', 'staff'
         FROM generate_series(1, $1::int) a, generate_series(1, $2::int) c`,
      [shape.agencies, shape.clientsPerAgency],
    );
  });
  await db.query('ANALYZE');

  const agencyIds = Array.from({ length: shape.agencies }, (_, a) => idOf(SEED, 'agency', a + 1));
  const staff: ScaleStaff[][] = [];
  for (let a = 1; a <= shape.agencies; a++) {
    const members = await Promise.all(
      Array.from({ length: shape.staffPerAgency }, async (_, index) => {
        const k = index + 1;
        const id = idOf(SEED, 'staff', (a - 1) * shape.staffPerAgency + k);
        const { token } = await createSession(db, id, SESSION_TTL_MS);
        // Client k (k <= clientsPerAgency) talks with staff k when staff <= clients: its own client.
        const c = ((k - 1) % shape.clientsPerAgency) + 1;
        return {
          agency: a - 1,
          id,
          token,
          clientId: idOf(SEED, 'client', (a - 1) * shape.clientsPerAgency + c),
        };
      }),
    );
    staff.push(members);
  }

  const portalClients: ScalePortalClient[] = [];
  for (let a = 1; a <= shape.agencies; a++) {
    for (let c = 1; c <= shape.portalClientsPerAgency; c++) {
      const position = (a - 1) * shape.clientsPerAgency + c;
      const clientId = idOf(SEED, 'client', position);
      const account = await db.query<{ id: string }>(
        `INSERT INTO client_accounts (client_id, username, password_hash) VALUES ($1::uuid, $2, $3)
         RETURNING id::text AS id`,
        [clientId, `scale-client-${a}-${c}`, passwordHash],
      );
      const accountId = account.rows[0]?.id;
      if (!accountId) throw new Error('creating a portal account returned no id');
      const { token } = await createClientSession(db, accountId, SESSION_TTL_MS);
      portalClients.push({ agency: a - 1, clientId, threadId: idOf(SEED, 'thread', position), token });
    }
  }
  return { shape, agencyIds, staff, portalClients };
}

/** The first `streams` staff sessions, spread evenly over the agencies, with each one's agency. */
export function streamHolders(world: ScaleWorld, streams: number): { token: string; group: number }[] {
  const perAgency = Math.ceil(streams / world.shape.agencies);
  if (perAgency > world.shape.staffPerAgency)
    throw new Error(
      `${streams} streams need ${perAgency} staff per agency; the world has ${world.shape.staffPerAgency}`,
    );
  const holders: { token: string; group: number }[] = [];
  for (let k = 0; k < perAgency; k++)
    for (const members of world.staff) {
      const member = members[k];
      if (member && holders.length < streams) holders.push({ token: member.token, group: member.agency });
    }
  return holders;
}
