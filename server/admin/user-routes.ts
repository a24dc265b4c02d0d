import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StaffRole } from '../../shared/domain/roles';
import { recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import { unlock } from '../auth/lockout';
import { revokeUserSessions } from '../auth/sessions';
import { canEditClient, type Viewer } from '../authz/viewer';
import type { Database, Queryable } from '../db/database';
import { badRequest, forbidden, notFound, parseInput } from '../http/errors';
import { loadClientForViewer } from '../replication/collections/clients';

const idParams = z.object({ id: z.string().uuid('Staff ids are UUIDs.') });
const clientParams = z.object({ id: z.string().uuid('Client ids are UUIDs.') });
const patchSchema = z.strictObject(
  { active: z.boolean('Say whether the account is active (true or false).') },
  { error: 'Only active can be changed here.' },
);

const NOT_AN_ADMIN = 'Only an agency administrator can manage staff accounts.';
const NO_SUCH_STAFF = 'That staff member does not exist or is not in your agency.';

export function requireAdmin(viewer: Viewer, message = NOT_AN_ADMIN): void {
  if (viewer.role !== 'agency_admin' && viewer.role !== 'system_admin') throw forbidden(message);
}

interface StaffRow {
  id: string;
  agency_id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  active: boolean;
  locked_until: string | null;
  totp_enabled: boolean;
}

const STAFF_COLUMNS = `u.id::text AS id, u.agency_id::text AS agency_id, u.username, u.display_name, u.role, u.active,
  (SELECT l.locked_until FROM sign_in_locks l
    WHERE l.account_kind = 'staff' AND l.username = u.username AND l.locked_until > now()) AS locked_until,
  EXISTS (SELECT 1 FROM staff_totp t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS totp_enabled`;

const staffView = (row: StaffRow) => ({
  id: row.id,
  agencyId: row.agency_id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  active: row.active,
  lockedUntil: row.locked_until,
  twoFactor: row.totp_enabled,
});

/**
 * A staff member an administrator may manage: one of their own agency's (an agency admin cannot
 * manage a system admin), or anyone for a system admin. Anyone else is "not found".
 */
async function manageableStaff(
  db: Queryable,
  viewer: Viewer,
  id: string,
  forUpdate = false,
): Promise<StaffRow> {
  const result = await db.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM users u WHERE u.id = $1::uuid AND NOT u.deleted ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  const row = result.rows[0];
  const allowed =
    row !== undefined &&
    (viewer.role === 'system_admin' || (row.agency_id === viewer.agencyId && row.role !== 'system_admin'));
  if (!row || !allowed) throw notFound(NO_SUCH_STAFF);
  return row;
}

/** Agency administrators manage their staff's accounts, and unlock clients' portal sign-ins. */
export function registerAdminUserRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/admin/users', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const result = await db.query<StaffRow>(
      `SELECT ${STAFF_COLUMNS} FROM users u
        WHERE NOT u.deleted AND ($1::boolean OR (u.agency_id = $2::uuid AND u.role <> 'system_admin'))
        ORDER BY u.display_name, u.id`,
      [viewer.role === 'system_admin', viewer.agencyId],
    );
    return { users: result.rows.map(staffView) };
  });

  app.patch('/api/admin/users/:id', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const { id } = parseInput(idParams, request.params, 'staff id');
    const { active } = parseInput(patchSchema, request.body, 'account change');
    if (id === viewer.userId && !active) throw badRequest('You cannot deactivate your own account.');
    const row = await db.transaction(async (tx) => {
      const target = await manageableStaff(tx, viewer, id, true);
      if (target.active === active) return target;
      await tx.query('UPDATE users SET active = $2 WHERE id = $1::uuid', [id, active]);
      // Deactivation ends every session now: pulls answer 401 and live streams end (the desktop
      // then ends its session); the directory's replicated `active` tells everyone else.
      const ended = active ? 0 : await revokeUserSessions(tx, id);
      await recordAudit(tx, {
        actor: staffActor(viewer.userId),
        action: active ? 'admin.user_activate' : 'admin.user_deactivate',
        subject: { kind: 'user', id },
        agencyId: target.agency_id,
        details: { username: target.username, sessionsEnded: ended },
      });
      return { ...target, active };
    });
    return { user: staffView(row) };
  });

  app.post('/api/admin/users/:id/unlock', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const { id } = parseInput(idParams, request.params, 'staff id');
    const target = await manageableStaff(db, viewer, id);
    const wasLocked = await db.transaction(async (tx) => {
      const locked = await unlock(tx, 'staff', target.username);
      await recordAudit(tx, {
        actor: staffActor(viewer.userId),
        action: 'admin.user_unlock',
        subject: { kind: 'user', id },
        agencyId: target.agency_id,
        details: { username: target.username, wasLocked: locked },
      });
      return locked;
    });
    return { user: staffView({ ...target, locked_until: null }), wasLocked };
  });

  app.post('/api/clients/:id/portal/unlock', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer, 'Only an agency administrator can unlock a client’s Customer Portal sign-in.');
    const { id } = parseInput(clientParams, request.params, 'client id');
    const client = await loadClientForViewer(db, viewer, id);
    if (!client?.visible || client.deleted)
      throw notFound('That client does not exist or is not available to you.');
    if (!canEditClient(viewer, client.agency_id))
      throw forbidden('Only the client’s own agency can unlock their Customer Portal sign-in.');
    const account = await db.query<{ username: string }>(
      'SELECT username FROM client_accounts WHERE client_id = $1::uuid',
      [id],
    );
    const username = account.rows[0]?.username;
    if (!username) throw notFound('This client has no Customer Portal account.');
    const wasLocked = await db.transaction(async (tx) => {
      const locked = await unlock(tx, 'client', username);
      await recordAudit(tx, {
        actor: staffActor(viewer.userId),
        action: 'admin.portal_unlock',
        subject: { kind: 'client_account', id },
        clientId: id,
        details: { username, wasLocked: locked },
      });
      return locked;
    });
    return { wasLocked };
  });
}
