import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAdmin } from '../admin/user-routes';
import { requireStaff } from '../auth/authenticate';
import { clientVisibleSql, viewerParams } from '../authz/viewer';
import type { Database } from '../db/database';
import { badRequest, parseInput } from '../http/errors';
import { isoInstant } from '../http/instant';
import { AUDIT_ACTIONS } from './audit-log';
import { currentOrigin } from './request-context';

/** A desktop reports at most this many views at once (its outbox sends them in batches). */
export const MAX_VIEWS_PER_BATCH = 500;
/** How late a view may be reported: a desktop may be offline for a while, not for ever. */
const MAX_VIEW_AGE_DAYS = 90;
/** Clocks differ; a view a little in the server's future is the desktop's clock, not a lie. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

const viewSchema = z.object({
  clientId: z.string().uuid('Each view’s clientId must be a client id (a UUID).'),
  viewedAt: isoInstant('Each view’s viewedAt must be an ISO date and time.'),
  what: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9:._-]{0,63}$/,
      'Each view’s what names the part of the record shown, such as “profile” or “documents”.',
    ),
});

const viewsSchema = z.object({
  views: z
    .array(viewSchema)
    .min(1, 'Report at least one view.')
    .max(MAX_VIEWS_PER_BATCH, `Report at most ${MAX_VIEWS_PER_BATCH} views at once.`),
});

const querySchema = z.object({
  clientId: z.string().uuid('The clientId must be a client id (a UUID).').optional(),
  actorId: z.string().uuid('The actorId must be a staff or client id (a UUID).').optional(),
  action: z
    .string()
    .regex(
      /^[a-z_]+(\.[a-z_]*)?$/,
      'The action is a name such as “client.view”, or a prefix such as “auth.”.',
    )
    .optional(),
  from: isoInstant('The from time must be an ISO date and time between the years 1 and 9999.').optional(),
  to: isoInstant('The to time must be an ISO date and time between the years 1 and 9999.').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

interface EntryRow {
  id: number;
  occurred_at: string;
  recorded_at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  agency_id: string | null;
  action: string;
  subject_kind: string;
  subject_id: string;
  client_id: string | null;
  private: boolean;
  details: Record<string, unknown>;
  ip: string;
  user_agent: string;
}

const entryView = (row: EntryRow) => ({
  id: row.id,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
  action: row.action,
  subject: row.subject_kind === '' ? null : { kind: row.subject_kind, id: row.subject_id },
  clientId: row.client_id,
  agencyId: row.agency_id,
  private: row.private,
  details: row.details,
  ip: row.ip,
  userAgent: row.user_agent,
});

/** The desktop reporting what it showed from its cache, and administrators reading the log. */
export function registerAuditRoutes(app: FastifyInstance, db: Database): void {
  /*
   * Views of client records. Desktops read from their cache, so only they know what was shown;
   * they report it here. Kept only for clients the staff member may see now (others are counted as
   * skipped, whether or not they exist), once per staff member, client, part shown and minute: the
   * client's privacy page says what was looked at (profile, messages, documents …).
   */
  app.post('/api/audit/views', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const { views } = parseInput(viewsSchema, request.body, 'list of views');
    const now = Date.now();
    for (const view of views) {
      const at = Date.parse(view.viewedAt);
      if (at > now + MAX_CLOCK_AHEAD_MS)
        throw badRequest('A view cannot be in the future. Check the computer’s clock.');
      if (at < now - MAX_VIEW_AGE_DAYS * 86_400_000)
        throw badRequest(`Views older than ${MAX_VIEW_AGE_DAYS} days are no longer accepted.`);
    }
    const origin = currentOrigin();
    const result = await db.query(
      `INSERT INTO audit_log (occurred_at, actor_kind, actor_id, actor_name, agency_id, action, subject_kind, subject_id,
                              client_id, client_agency_id, details, ip, user_agent, dedup_key)
       SELECT v.viewed_at, 'staff', $1::uuid, u.display_name, u.agency_id, 'client.view', 'client', c.id::text, c.id,
              c.agency_id, jsonb_build_object('what', v.what), $7::text, $8::text,
              'view:' || $1::text || ':' || c.id::text || ':' || v.what || ':' || floor(extract(epoch FROM v.viewed_at) / 60)::bigint
         FROM unnest($4::uuid[], $5::timestamptz[], $6::text[]) AS v(client_id, viewed_at, what)
         JOIN clients c ON c.id = v.client_id AND NOT c.deleted AND ${clientVisibleSql('c')}
         JOIN users u ON u.id = $1::uuid
       ON CONFLICT (dedup_key) DO NOTHING`,
      [
        ...viewerParams(viewer),
        views.map((view) => view.clientId),
        views.map((view) => view.viewedAt),
        views.map((view) => view.what),
        origin.ip,
        origin.userAgent,
      ],
    );
    return { received: views.length, recorded: result.rowCount };
  });

  /*
   * The log, newest first, a page at a time (`before` is the last id of the previous page). An
   * agency admin reads their agency's entries and those about their agency's clients, except
   * entries about another agency's private items; a system admin reads everything.
   */
  app.get('/api/admin/audit', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer, 'Only an agency administrator can read the audit log.');
    const query = parseInput(querySchema, request.query, 'audit log query');
    const action = query.action ?? null;
    const result = await db.query<EntryRow>(
      `SELECT id, occurred_at, recorded_at, actor_kind, actor_id::text AS actor_id, actor_name,
              agency_id::text AS agency_id, action, subject_kind, subject_id, client_id::text AS client_id, private,
              details, ip, user_agent
         FROM audit_log
        WHERE ($1::boolean OR agency_id = $2::uuid OR (client_agency_id = $2::uuid AND NOT private))
          AND ($3::uuid IS NULL OR client_id = $3::uuid)
          AND ($4::uuid IS NULL OR actor_id = $4::uuid)
          AND ($5::text IS NULL OR action = $5 OR (right($5, 1) = '.' AND starts_with(action, $5)))
          AND ($6::timestamptz IS NULL OR occurred_at >= $6::timestamptz)
          AND ($7::timestamptz IS NULL OR occurred_at < $7::timestamptz)
          AND ($8::bigint IS NULL OR id < $8::bigint)
        ORDER BY id DESC LIMIT $9`,
      [
        viewer.role === 'system_admin',
        viewer.agencyId,
        query.clientId ?? null,
        query.actorId ?? null,
        action,
        query.from ?? null,
        query.to ?? null,
        query.before ?? null,
        query.limit,
      ],
    );
    const entries = result.rows.map(entryView);
    const last = entries.at(-1);
    return {
      entries,
      nextBefore: entries.length === query.limit && last ? last.id : null,
      actions: AUDIT_ACTIONS,
    };
  });
}
