import {
  type AccessReason,
  type PrivacyView,
  type SharingChoice,
  viewedPart,
} from '../../shared/domain/privacy';
import type { Queryable } from '../db/database';

/** "Who looked at my record" reaches this far back. */
export const PRIVACY_VIEW_DAYS = 90;
const MAX_VIEWS = 300;

const ROLE_WORDS: Record<string, string> = {
  staff: 'Staff member',
  agency_admin: 'Agency administrator',
  system_admin: 'System administrator',
};

/**
 * Who can see a client's record today, by the same rules as `clientVisibleSql` (authz/viewer.ts):
 * their own agency; every other agency while the record is shared (with who shared it and when,
 * from the audit log, else since it was made); staff of other agencies on today's care team; and
 * the system's administrators. An agency the client withdrew sharing with (`withdrawn`) is in
 * none of it, as in clientVisibleSql.
 */
async function whoCanSee(
  db: Queryable,
  clientId: string,
  withdrawn: ReadonlySet<string>,
): Promise<AccessReason[]> {
  const client = await db.query<{ agency_id: string; agency: string; shared: boolean; created_at: string }>(
    `SELECT c.agency_id::text AS agency_id, a.name AS agency, c.shared, c.created_at
       FROM clients c JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1::uuid`,
    [clientId],
  );
  const own = client.rows[0];
  if (!own) return [];
  const reasons: AccessReason[] = [{ kind: 'own', agency: own.agency, since: own.created_at }];
  if (own.shared) {
    const share = await db.query<{ occurred_at: string; agency: string | null }>(
      `SELECT l.occurred_at, a.name AS agency FROM audit_log l LEFT JOIN agencies a ON a.id = l.agency_id
        WHERE l.client_id = $1::uuid AND l.action = 'client.share' ORDER BY l.id DESC LIMIT 1`,
      [clientId],
    );
    const since = share.rows[0]?.occurred_at ?? own.created_at;
    const sharedBy = share.rows[0]?.agency ?? own.agency;
    const others = await db.query<{ id: string; name: string }>(
      'SELECT id::text AS id, name FROM agencies WHERE id <> $1::uuid AND NOT deleted ORDER BY name',
      [own.agency_id],
    );
    for (const other of others.rows)
      if (!withdrawn.has(other.id)) reasons.push({ kind: 'shared', agency: other.name, sharedBy, since });
  }
  const team = await db.query<{
    agency_id: string;
    agency: string;
    title: string;
    role: string;
    start_date: string;
  }>(
    `SELECT a.id::text AS agency_id, a.name AS agency, u.title, u.role, ct.start_date::text AS start_date
       FROM care_team ct JOIN users u ON u.id = ct.staff_id JOIN agencies a ON a.id = u.agency_id
      WHERE ct.client_id = $1::uuid AND u.agency_id <> $2::uuid AND NOT ct.deleted AND u.active
        AND ct.start_date <= (now() AT TIME ZONE 'UTC')::date
        AND (ct.end_date IS NULL OR ct.end_date >= (now() AT TIME ZONE 'UTC')::date)
      ORDER BY a.name, ct.start_date`,
    [clientId, own.agency_id],
  );
  for (const member of team.rows) {
    if (withdrawn.has(member.agency_id)) continue;
    reasons.push({
      kind: 'care_team',
      agency: member.agency,
      role: member.title || (ROLE_WORDS[member.role] ?? 'Staff member'),
      since: member.start_date,
    });
  }
  reasons.push({ kind: 'system_admins' });
  return reasons;
}

/**
 * Staff views of the record from the audit log (desktops' reported views and files served), newest
 * first, as agency, role and date; a name only where the staff member's agency turned that on.
 */
async function recordViews(db: Queryable, clientId: string): Promise<PrivacyView['views']> {
  const result = await db.query<{
    occurred_at: string;
    action: string;
    what: unknown;
    agency: string | null;
    title: string | null;
    role: string | null;
    actor_name: string;
    show_names: boolean | null;
  }>(
    `SELECT l.occurred_at, l.action, l.details->'what' AS what, a.name AS agency, u.title, u.role, l.actor_name,
            p.show_staff_names AS show_names
       FROM audit_log l
       LEFT JOIN users u ON u.id = l.actor_id
       LEFT JOIN agencies a ON a.id = l.agency_id
       LEFT JOIN agency_portal_preferences p ON p.agency_id = l.agency_id
      WHERE l.client_id = $1::uuid AND l.actor_kind = 'staff' AND l.action IN ('client.view', 'file.download')
        AND l.occurred_at >= now() - make_interval(days => $2)
      ORDER BY l.occurred_at DESC, l.id DESC LIMIT $3`,
    [clientId, PRIVACY_VIEW_DAYS, MAX_VIEWS],
  );
  return result.rows.map((row) => ({
    at: row.occurred_at,
    agency: row.agency ?? '',
    role: row.title || (ROLE_WORDS[row.role ?? ''] ?? 'Staff member'),
    name: row.show_names ? row.actor_name : null,
    part: viewedPart(row.what, row.action),
  }));
}

/** Every agency but the client's own, with whether the client withdrew sharing with it. */
async function sharingChoices(db: Queryable, clientId: string): Promise<SharingChoice[]> {
  const result = await db.query<{ id: string; name: string; withdrawn_at: string | null }>(
    `SELECT a.id::text AS id, a.name, w.withdrawn_at
       FROM clients c JOIN agencies a ON a.id <> c.agency_id AND NOT a.deleted
       LEFT JOIN client_share_withdrawals w ON w.client_id = c.id AND w.agency_id = a.id AND w.until_txid IS NULL
      WHERE c.id = $1::uuid ORDER BY a.name, a.id`,
    [clientId],
  );
  return result.rows.map((row) => ({
    agencyId: row.id,
    agency: row.name,
    withdrawn: row.withdrawn_at !== null,
    withdrawnAt: row.withdrawn_at,
  }));
}

export async function privacyView(db: Queryable, clientId: string): Promise<PrivacyView> {
  const sharing = await sharingChoices(db, clientId);
  const withdrawn = new Set(sharing.filter((choice) => choice.withdrawn).map((choice) => choice.agencyId));
  const [reasons, views] = await Promise.all([whoCanSee(db, clientId, withdrawn), recordViews(db, clientId)]);
  return { whoCanSee: reasons, sharing, views, days: PRIVACY_VIEW_DAYS };
}
