import { clientActor, recordAudit } from '../audit/audit-log';
import { lockClient } from '../db/client-lock';
import type { Queryable } from '../db/database';
import { HttpError, notFound } from '../http/errors';
import { bumpClientAccess } from '../replication/collections/clients';

/*
 * A client withdraws sharing of their record with one agency, or shares it again (migration 041,
 * the portal's privacy page). Access follows at once through authz/viewer.ts: the client's rows
 * are re-stamped in the same transaction, as when a care-team membership ends, so that agency's
 * desktops are sent removals on their next pull or live round and nobody else hears of it.
 */

export type SharingChange = 'withdrawn' | 'restored';

interface ClientAndAgency {
  clientName: string;
  homeAgencyId: string;
  agencyName: string;
}

const HOME_AGENCY_REFUSAL =
  'Your own agency keeps your record and serves you, so you cannot stop sharing with it.';

/**
 * The client and the agency the change is about, after locking the client's row (every writer of
 * the client's access takes it first, db/client-lock.ts). The home agency is refused: it holds the
 * record (and the ROI) and serves the client.
 */
async function loadPair(tx: Queryable, clientId: string, agencyId: string): Promise<ClientAndAgency> {
  await lockClient(tx, clientId);
  const result = await tx.query<{ client_name: string; home_agency_id: string; agency_name: string | null }>(
    `SELECT c.first_name || ' ' || c.last_name AS client_name, c.agency_id::text AS home_agency_id,
            (SELECT a.name FROM agencies a WHERE a.id = $2::uuid AND NOT a.deleted) AS agency_name
       FROM clients c WHERE c.id = $1::uuid AND NOT c.deleted`,
    [clientId, agencyId],
  );
  const row = result.rows[0];
  if (!row) throw notFound('Your record could not be found.');
  if (row.agency_name === null) throw notFound('There is no such agency.');
  if (row.home_agency_id === agencyId) throw new HttpError(409, 'home_agency', HOME_AGENCY_REFUSAL);
  return { clientName: row.client_name, homeAgencyId: row.home_agency_id, agencyName: row.agency_name };
}

/**
 * Who is told: the client's case managers, i.e. staff of the client's own agency on today's care
 * team; when nobody is, the agency's administrators, so the change never goes unseen.
 */
async function caseManagers(tx: Queryable, clientId: string, homeAgencyId: string): Promise<string[]> {
  const team = await tx.query<{ id: string }>(
    `SELECT DISTINCT u.id::text AS id FROM care_team ct JOIN users u ON u.id = ct.staff_id
      WHERE ct.client_id = $1::uuid AND u.agency_id = $2::uuid AND u.active AND NOT ct.deleted
        AND ct.start_date <= (now() AT TIME ZONE 'UTC')::date
        AND (ct.end_date IS NULL OR ct.end_date >= (now() AT TIME ZONE 'UTC')::date)`,
    [clientId, homeAgencyId],
  );
  if (team.rows.length > 0) return team.rows.map((row) => row.id);
  const admins = await tx.query<{ id: string }>(
    `SELECT id::text AS id FROM users WHERE agency_id = $1::uuid AND role = 'agency_admin' AND active`,
    [homeAgencyId],
  );
  return admins.rows.map((row) => row.id);
}

function notice(change: SharingChange, pair: ClientAndAgency): { title: string; body: string } {
  return change === 'withdrawn'
    ? {
        title: `${pair.clientName} stopped sharing their record with ${pair.agencyName}`,
        body: `${pair.agencyName} staff no longer see ${pair.clientName}’s record, even on the care team. The client chose this in the Customer Portal and can share again there.`,
      }
    : {
        title: `${pair.clientName} shared their record with ${pair.agencyName} again`,
        body: `${pair.agencyName} staff see ${pair.clientName}’s record again where sharing or the care team allows.`,
      };
}

/**
 * Withdraws sharing of client `clientId`'s record with agency `agencyId` (`withdrawn`) or ends
 * that withdrawal (`restored`). Returns whether anything changed: asking for the state the record
 * is already in changes nothing and records nothing.
 */
export async function changeSharing(
  tx: Queryable,
  clientId: string,
  agencyId: string,
  change: SharingChange,
): Promise<boolean> {
  const pair = await loadPair(tx, clientId, agencyId);
  const written =
    change === 'withdrawn'
      ? await tx.query(
          `INSERT INTO client_share_withdrawals (client_id, agency_id, from_txid, from_seq)
           VALUES ($1::uuid, $2::uuid, pg_current_xact_id(), nextval('change_seq'))
           ON CONFLICT (client_id, agency_id) WHERE until_txid IS NULL DO NOTHING RETURNING id`,
          [clientId, agencyId],
        )
      : await tx.query(
          `UPDATE client_share_withdrawals
              SET until_txid = pg_current_xact_id(), until_seq = nextval('change_seq'), restored_at = now()
            WHERE client_id = $1::uuid AND agency_id = $2::uuid AND until_txid IS NULL RETURNING id`,
          [clientId, agencyId],
        );
  if (written.rows.length === 0) return false;
  // A withdrawal takes sight away (removals owed); sharing again only gives it back.
  await bumpClientAccess(tx, clientId, change === 'withdrawn');
  const { title, body } = notice(change, pair);
  for (const staffId of await caseManagers(tx, clientId, pair.homeAgencyId))
    await tx.query(
      `INSERT INTO staff_notifications (staff_id, kind, client_id, title, body)
       VALUES ($1::uuid, $2, $3::uuid, $4, $5)`,
      [staffId, change === 'withdrawn' ? 'sharing_withdrawn' : 'sharing_restored', clientId, title, body],
    );
  await recordAudit(tx, {
    actor: clientActor(clientId),
    action: change === 'withdrawn' ? 'portal.sharing_withdraw' : 'portal.sharing_restore',
    subject: { kind: 'agency', id: agencyId },
    clientId,
    details: { agency: pair.agencyName },
  });
  return true;
}
