import type { Queryable } from '../db/database';
import { currentOrigin, type RequestOrigin } from './request-context';

/*
 * The append-only audit log (migration 006): who did what to which client's record, when and from
 * where. Writers call recordAudit in the transaction of the change they record, so an entry exists
 * exactly when the change does; reads are recorded after they are answered.
 */

/** Everything the log records, by name. "portal." actions are a client's own, in the portal. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.sign_out',
  'auth.password_change',
  'auth.totp_enable',
  'auth.totp_disable',
  'portal.sign_in',
  'portal.sign_in_failed',
  'portal.locked',
  'portal.sign_out',
  'portal.join',
  'portal.message_send',
  'portal.request_fulfil',
  'portal.document_upload',
  'portal.sharing_withdraw',
  'portal.sharing_restore',
  'admin.user_unlock',
  'admin.user_deactivate',
  'admin.user_activate',
  'admin.portal_unlock',
  'client.view',
  'client.update',
  'client.share',
  'client.unshare',
  'client.edit_lost',
  'file.download',
  'message.send',
  'request.send',
  'request.cancel',
  'mass_send.create',
  'mass_send.deliver',
  'record.add',
  'settings.change',
  'catalog.assessment_create',
  'catalog.assessment_update',
  'catalog.category_create',
  'catalog.category_update',
  'catalog.agency_settings',
  'invite.send',
  'invite.link_fetch',
  'invite.cancel',
  'invite.disconnect',
  'nudge.settings_change',
  'nudge.verify',
  'nudge.stop',
  'catalog.portal_preferences',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who acted. A staff member or a client by id (their name and agency are looked up as the entry
 * is written); `name` alone when nobody is known, such as a sign-in with an unknown username.
 */
export type AuditActor =
  | { kind: 'staff' | 'client'; id: string }
  | { kind: 'staff' | 'client'; id: null; name: string }
  | { kind: 'system' };

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  subject?: { kind: string; id: string };
  /** The client whose record this concerns, if any. */
  clientId?: string | null;
  /** The agency the action belongs to, when it is not the staff actor's or the client's. */
  agencyId?: string | null;
  /** The item is private to its agency: other agencies' admins do not read this entry. */
  private?: boolean;
  details?: Record<string, unknown>;
  /** When it happened, if not now. */
  occurredAt?: string;
  /** Entries with the same key are written once. */
  dedupKey?: string;
  /** Where from, if not the current request. */
  origin?: RequestOrigin;
}

/*
 * The actor's name comes from the database at the moment of writing and is kept in the entry: a
 * later rename does not rewrite history. A client actor's entries concern their own record unless
 * another client is named. A staff actor's agency is theirs; a client actor's is the item's agency
 * when given, else the client's.
 */
const INSERT_SQL = `
  INSERT INTO audit_log (occurred_at, actor_kind, actor_id, actor_name, agency_id, action, subject_kind, subject_id,
                         client_id, client_agency_id, private, details, ip, user_agent, dedup_key)
  SELECT coalesce($1::timestamptz, now()), $2::text, $3::uuid,
         coalesce(CASE $2::text
                    WHEN 'staff' THEN (SELECT display_name FROM users WHERE id = $3::uuid)
                    WHEN 'client' THEN (SELECT first_name || ' ' || last_name FROM clients WHERE id = $3::uuid)
                  END, $4::text, ''),
         coalesce($5::uuid, CASE WHEN $2::text = 'staff' THEN (SELECT agency_id FROM users WHERE id = $3::uuid) END,
                  c.agency_id),
         $6::text, $7::text, $9::text, k.client_id, c.agency_id, $10::boolean, $11::jsonb, $12::text, $13::text,
         $14::text
    FROM (SELECT coalesce($8::uuid, CASE WHEN $2::text = 'client' THEN $3::uuid END) AS client_id) k
    LEFT JOIN clients c ON c.id = k.client_id
  ON CONFLICT (dedup_key) DO NOTHING`;

function actorId(actor: AuditActor): string | null {
  return actor.kind === 'system' ? null : actor.id;
}

function actorName(actor: AuditActor): string | null {
  return actor.kind !== 'system' && actor.id === null ? actor.name.slice(0, 200) : null;
}

/** Writes one entry. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  const origin = entry.origin ?? currentOrigin();
  await db.query(INSERT_SQL, [
    entry.occurredAt ?? null,
    entry.actor.kind,
    actorId(entry.actor),
    actorName(entry.actor),
    entry.agencyId ?? null,
    entry.action,
    entry.subject?.kind ?? '',
    entry.clientId ?? null,
    entry.subject?.id ?? '',
    entry.private ?? false,
    JSON.stringify(entry.details ?? {}),
    origin.ip,
    origin.userAgent,
    entry.dedupKey ?? null,
  ]);
}

/** Shorthand for the most common actor: the signed-in staff member. */
export const staffActor = (userId: string): AuditActor => ({ kind: 'staff', id: userId });

/** A portal client, by client id. */
export const clientActor = (clientId: string): AuditActor => ({ kind: 'client', id: clientId });
