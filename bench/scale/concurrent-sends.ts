import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../server/db/database';
import { progress } from '../lib/progress';
import { LIVE_HTML } from './live-at-scale';
import type { ScaleStaff } from './scale-world';

export const SENDERS = 50;
const SENDS_EACH = 20;

/**
 * Staff sending at once (issue 12, item 5): SENDERS staff members of different agencies, each
 * sending SENDS_EACH messages to one of their clients through the staff API, one after another.
 * Commits per second over the whole run.
 */
export async function concurrentStaffSends(
  serverUrl: string,
  senders: readonly ScaleStaff[],
): Promise<number> {
  const started = performance.now();
  await Promise.all(
    senders.map(async (sender) => {
      for (let i = 0; i < SENDS_EACH; i++) {
        const response = await fetch(`${serverUrl}/api/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sender.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            id: randomUUID(),
            clientId: sender.clientId,
            threadId: null,
            html: LIVE_HTML,
          }),
        });
        await response.arrayBuffer();
        if (response.status !== 201) throw new Error(`a staff send answered ${response.status}`);
      }
    }),
  );
  return (senders.length * SENDS_EACH) / ((performance.now() - started) / 1000);
}

/**
 * The floor: the rows the same sends write (the message, its thread's update, the audit entry),
 * at the same concurrency over the server's own connection pool, into copies of those tables
 * that have no triggers: what the writes cost with no change capture at all.
 */
export async function concurrentSendsFloor(db: Database, senders: readonly ScaleStaff[]): Promise<number> {
  await db.query('DROP TABLE IF EXISTS floor_messages, floor_threads, floor_audit');
  await db.query('CREATE TABLE floor_messages (LIKE messages INCLUDING DEFAULTS INCLUDING INDEXES)');
  await db.query('CREATE TABLE floor_threads (LIKE threads INCLUDING DEFAULTS INCLUDING INDEXES)');
  await db.query('CREATE TABLE floor_audit (LIKE audit_log INCLUDING ALL)');
  // The copies keep the checksum column as a plain one (migration 070 computes it): the floor
  // has no change capture, so nothing fills it.
  await db.query('ALTER TABLE floor_messages ALTER COLUMN doc_hash DROP NOT NULL');
  await db.query('ALTER TABLE floor_threads ALTER COLUMN doc_hash DROP NOT NULL');
  await db.query(
    `INSERT INTO floor_threads SELECT t.* FROM threads t
      WHERE (t.client_id, t.staff_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
    [senders.map((s) => s.clientId), senders.map((s) => s.id)],
  );
  try {
    const started = performance.now();
    await Promise.all(
      senders.map(async (sender) => {
        for (let i = 0; i < SENDS_EACH; i++) {
          await db.transaction(async (tx) => {
            const thread = await tx.query<{ id: string; agency_id: string }>(
              `SELECT id::text AS id, agency_id::text AS agency_id FROM floor_threads
                WHERE client_id = $1::uuid AND staff_id = $2::uuid FOR UPDATE`,
              [sender.clientId, sender.id],
            );
            const row = thread.rows[0];
            if (!row) throw new Error('the floor has no thread for a sender');
            const id = randomUUID();
            await tx.query(
              `INSERT INTO floor_messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id,
                                           body_html, body_text, sent_at, delivered_at, seq)
               VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, false, 'staff', $5::uuid, $6, $7, now(), now(), 0)`,
              [
                id,
                row.id,
                sender.clientId,
                row.agency_id,
                sender.id,
                LIVE_HTML,
                'Is the appointment still on?',
              ],
            );
            await tx.query(
              `UPDATE floor_threads SET last_message_at = now(), last_message_preview = $2, last_sender_kind = 'staff',
                      client_unread = true WHERE id = $1::uuid`,
              [row.id, 'Is the appointment still on?'],
            );
            await tx.query(
              `INSERT INTO floor_audit (actor_kind, actor_id, agency_id, action, subject_kind, subject_id, client_id)
               VALUES ('staff', $1::uuid, $2::uuid, 'message.send', 'message', $3, $4::uuid)`,
              [sender.id, row.agency_id, id, sender.clientId],
            );
          });
        }
      }),
    );
    return (senders.length * SENDS_EACH) / ((performance.now() - started) / 1000);
  } finally {
    await db.query('DROP TABLE IF EXISTS floor_messages, floor_threads, floor_audit');
  }
}

/** Senders from as many agencies as there are, so no two share a client or a conversation. */
export function pickSenders(staff: readonly ScaleStaff[][]): ScaleStaff[] {
  const senders: ScaleStaff[] = [];
  for (let k = 0; senders.length < SENDERS; k++) {
    let added = false;
    for (const members of staff) {
      const member = members[k];
      if (member && senders.length < SENDERS) {
        senders.push(member);
        added = true;
      }
    }
    if (!added) throw new Error(`the world has fewer than ${SENDERS} staff members`);
  }
  progress(`concurrent sends: ${senders.length} staff members sending at once…`);
  return senders;
}
