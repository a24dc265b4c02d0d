import type { StaffRole } from '../../shared/domain/roles';

/** Who is asking. Every read and write the server answers is decided for a viewer. */
export interface Viewer {
  userId: string;
  agencyId: string;
  role: StaffRole;
}

/**
 * Positional parameters every visibility-filtered query starts with, so the SQL fragments below
 * can refer to the viewer as $1, $2 and $3.
 */
export function viewerParams(viewer: Viewer): [string, string, boolean] {
  return [viewer.userId, viewer.agencyId, viewer.role === 'system_admin'];
}

/** Calendar "today" in UTC, the same for every server instance whatever its time zone. */
export const TODAY_SQL = `(now() AT TIME ZONE 'UTC')::date`;

/** SQL that is true while a care-team membership is in force. */
export function careTeamActiveSql(alias: string): string {
  return `(NOT ${alias}.deleted AND ${alias}.start_date <= ${TODAY_SQL} AND (${alias}.end_date IS NULL OR ${alias}.end_date >= ${TODAY_SQL}))`;
}

/**
 * SQL that is true while client `alias` withdrew sharing of their record with the viewer's agency
 * ($2): the client's choice on the portal's privacy page (migration 041).
 */
export function sharingWithdrawnSql(alias: string): string {
  return `EXISTS (SELECT 1 FROM client_share_withdrawals vw
    WHERE vw.client_id = ${alias}.id AND vw.agency_id = $2::uuid AND vw.until_txid IS NULL)`;
}

/**
 * Whether the viewer ($1 user, $2 agency, $3 system admin) may see client `alias`: system
 * admins see all; staff see their own agency's clients, any agency's shared client, and clients
 * whose care team they are on while the membership is in force, unless the client withdrew
 * sharing with the viewer's agency (which never applies to the client's own agency).
 */
export function clientVisibleSql(alias: string): string {
  return `($3::boolean OR ${alias}.agency_id = $2::uuid OR ((${alias}.shared OR EXISTS (
    SELECT 1 FROM care_team vct WHERE vct.client_id = ${alias}.id AND vct.staff_id = $1::uuid AND ${careTeamActiveSql('vct')}))
    AND NOT ${sharingWithdrawnSql(alias)}))`;
}

/**
 * clientVisibleSql for the staff member in row `userAlias` of `users` (with `id`, `agency_id` and
 * `role`) instead of the viewer's parameters: for rules that look at many staff members at once.
 */
export function clientVisibleToUserSql(alias: string, userAlias: string): string {
  return `(${userAlias}.role = 'system_admin' OR ${alias}.agency_id = ${userAlias}.agency_id OR ${alias}.shared OR EXISTS (
    SELECT 1 FROM care_team uct WHERE uct.client_id = ${alias}.id AND uct.staff_id = ${userAlias}.id AND ${careTeamActiveSql('uct')}))`;
}

/**
 * Whether the viewer may see Customer Portal item `alias` (a thread or a message, with
 * `client_id`, `agency_id` and `private`) of client `clientAlias`: when they may see the client,
 * and, for a private item, only within the item's agency (system admins see everything).
 */
export function portalItemVisibleSql(alias: string, clientAlias: string): string {
  return `(${clientVisibleSql(clientAlias)} AND (NOT ${alias}.private OR ${alias}.agency_id = $2::uuid OR $3::boolean))`;
}

/**
 * Whether the viewer ($1–$3) could see client `alias` at some moment at or after the checkpoint
 * whose transaction id is in `$txidParam`: when a removal of one of the client's rows may concern
 * them. The client's own agency and system admins always could; anyone else only through a
 * period recorded in access_grants (a shared client, a care-team membership) that is still open
 * or ended no earlier than that transaction (migration 013), and not covered by a withdrawal of
 * sharing with the viewer's agency (migration 041). Kept beside clientVisibleSql: the grants open
 * exactly when it becomes true and close when it becomes false (a test compares them).
 */
export function clientSeenSinceSql(alias: string, txidParam: number): string {
  const checkpoint = `$${txidParam}::text::xid8`;
  return `($3::boolean OR ${alias}.agency_id = $2::uuid OR EXISTS (
    SELECT 1 FROM access_grants vg
     WHERE vg.client_id = ${alias}.id AND (vg.user_id IS NULL OR vg.user_id = $1::uuid)
       AND (vg.until_txid IS NULL OR vg.until_txid >= ${checkpoint})
       AND NOT ${grantWithdrawnSql(alias, 'vg', checkpoint)}))`;
}

/**
 * Whether one withdrawal of the viewer's agency (migration 041) covers all of grant `grant` that
 * lies at or after the checkpoint: it began in a transaction before both the checkpoint and the
 * grant's start, and lasted as long as the grant (still open, or ended no earlier). Then the
 * viewer's agency could not see the client through that grant after the checkpoint. Withdrawals
 * of one client and agency never overlap and a grant spanning two of them spans the moment
 * between, when it did give sight, so one withdrawal is the only way to cover a grant. Comparing
 * transaction ids only, and strictly at the start, can only count a grant as seen, never miss one.
 */
function grantWithdrawnSql(alias: string, grant: string, checkpoint: string): string {
  return `EXISTS (SELECT 1 FROM client_share_withdrawals vgw
    WHERE vgw.client_id = ${alias}.id AND vgw.agency_id = $2::uuid
      AND vgw.from_txid < greatest(${grant}.from_txid, ${checkpoint})
      AND (vgw.until_txid IS NULL OR (${grant}.until_txid IS NOT NULL AND vgw.until_txid >= ${grant}.until_txid)))`;
}

/**
 * As clientSeenSinceSql, for Customer Portal item `alias` of client `clientAlias`: a private item
 * only ever within its agency, so no other agency's staff member ever hears of it.
 */
export function portalItemSeenSinceSql(alias: string, clientAlias: string, txidParam: number): string {
  return `(${clientSeenSinceSql(clientAlias, txidParam)} AND (NOT ${alias}.private OR ${alias}.agency_id = $2::uuid OR $3::boolean))`;
}

/** Whether the viewer may change client `alias`'s record: its own agency's staff, or a system admin. */
export function canEditClient(viewer: Viewer, clientAgencyId: string): boolean {
  return viewer.role === 'system_admin' || viewer.agencyId === clientAgencyId;
}
