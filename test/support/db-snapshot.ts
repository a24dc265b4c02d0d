import { createHash } from 'node:crypto';
import type { Queryable } from '../../server/db/database';

/** Every table of stored data a request could change, ordered by its key so equal contents hash equally. */
const TABLES = [
  ['agencies', 'id'],
  ['users', 'id'],
  ['sessions', 'token_hash'],
  ['files', 'id'],
  // Files kept in PostgreSQL (the store with DATABASE_URL); their chunks cannot exist without them.
  ['file_objects', 'storage_key'],
  ['programs', 'id'],
  ['clients', 'id'],
  ['care_team', 'id'],
  ['enrollments', 'id'],
  ['care_team_transitions', 'care_team_id'],
  ['threads', 'id'],
  ['messages', 'id'],
  ['message_attachments', 'message_id, file_id'],
  ['client_accounts', 'id'],
  ['client_sessions', 'token_hash'],
  ['portal_invites', 'id'],
  ['mass_send_jobs', 'id'],
  ['mass_send_recipients', 'job_id, position'],
  ['agency_settings', 'id'],
  ['assessment_definitions', 'id'],
  ['document_categories', 'id'],
  ['portal_requests', 'id'],
  ['client_records', 'id'],
  ['record_files', 'record_id, file_id'],
  ['staff_notifications', 'id'],
  ['password_history', 'id'],
  ['staff_totp', 'user_id'],
  ['agency_portal_preferences', 'agency_id'],
  ['client_nudge_settings', 'client_id'],
  ['nudge_verifications', 'id'],
  ['nudges', 'id'],
] as const;
// Not listed, on purpose: audit_log, sign_in_failures and sign_in_locks. A refused request is
// logged and a failed sign-in counted there by design; they record requests, not stored data.

/**
 * Bookkeeping every authenticated request updates, not a change a request makes: a portal
 * session's last activity slides forward on each use (its idle timeout).
 */
const IGNORED_COLUMNS: Partial<Record<(typeof TABLES)[number][0], string>> = {
  client_sessions: 'last_seen_at',
};

/** A hash per table of its full contents plus the sequence position, to prove a request changed nothing. */
export async function snapshotDatabase(db: Queryable): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const [table, key] of TABLES) {
    const result = await db.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${key}`);
    const ignored = IGNORED_COLUMNS[table];
    const rows = ignored ? result.rows.map(({ [ignored]: _ignored, ...rest }) => rest) : result.rows;
    snapshot[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  }
  const seq = await db.query<{ last_value: number }>('SELECT last_value FROM change_seq');
  snapshot.change_seq = String(seq.rows[0]?.last_value);
  return snapshot;
}
