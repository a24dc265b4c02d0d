import type { MassSendKind } from '../../shared/domain/mass-send';
import { REQUEST_EXPIRY_DAYS } from '../../shared/domain/requests';
import type { StaffRole } from '../../shared/domain/roles';
import { clientVisibleSql, type Viewer, viewerParams } from '../authz/viewer';
import type { Queryable } from '../db/database';
import { previewOf } from '../messaging/preview';
import { openRoiRequestSql, roiBlocksRequestSql } from './roi-sql';

/*
 * One batch of a mass send: decide sent or skipped for the next recipients, make each sent
 * client's own message or request, mark the rows and count them, all in the caller's transaction
 * (which holds the job's row; the batch locks its clients' rows). Every step is one statement over the whole
 * batch; nothing runs per recipient. What a job makes for a client has an id derived from the job
 * and the client (portico_derived_uuid), so a batch that runs again stores nothing twice.
 */

/** A job a worker claimed, with what a batch needs to know about its sender. */
export interface ClaimedJob {
  id: string;
  sender_staff_id: string;
  agency_id: string;
  kind: MassSendKind;
  body_text: string;
  attachment_ids: string[];
  total: number;
  sent: number;
  skipped: number;
  sender_role: StaffRole;
  sender_agency_id: string;
}

export const CLAIMED_JOB_COLUMNS = `j.id::text AS id, j.sender_staff_id::text AS sender_staff_id,
  j.agency_id::text AS agency_id, j.kind, j.body_text, j.attachment_ids::text[] AS attachment_ids, j.total, j.sent,
  j.skipped, u.role AS sender_role, u.agency_id::text AS sender_agency_id`;

/** The id of what job `job` makes for client `client` (both SQL uuid expressions). */
function itemIdSql(job: string, client: string): string {
  return `portico_derived_uuid(${job}::text || '/' || ${client}::text)`;
}

/** A conversation a job had to start for a client (a staff member has one per client). */
function threadIdSql(job: string, client: string): string {
  return `portico_derived_uuid(${job}::text || '/' || ${client}::text || '/thread')`;
}

interface Decided {
  client_id: string;
  outcome: 'sent' | 'skipped';
}

/**
 * Decides for the pending recipients at positions after `after`, up to `limit` of them, in the
 * order staff saw them, and marks them. Skipped, with the reason, when: the sender may not see the
 * client now (or the id is unknown or deleted); the client has no active portal account; for an
 * ROI request, the client has an ROI that does not expire within the renewal window, or another
 * ROI request the client may still sign (one active ROI per client, as a single send).
 *
 * Written as one UPDATE over a primary-key range with the decision as a per-row subquery, not as
 * a join with a list of positions: a job's rows are new, so the planner's statistics know nothing
 * of them, and a join planned on that guess compared every row with every row (seconds per batch).
 * OFFSET 0 keeps the decision a subquery of its own, so it is worked out once per row although
 * three columns use it.
 */
async function decideBatch(
  tx: Queryable,
  job: ClaimedJob,
  sender: Viewer,
  page: { after: number; limit: number; today: string },
): Promise<Decided[]> {
  const result = await tx.query<Decided>(
    `UPDATE mass_send_recipients r
        SET (outcome, reason, item_id) = (
          SELECT CASE WHEN d.reason IS NULL THEN 'sent' ELSE 'skipped' END, d.reason,
                 CASE WHEN d.reason IS NULL THEN ${itemIdSql('r.job_id', 'r.client_id')} END
            FROM (SELECT CASE
                           WHEN c.id IS NULL OR c.deleted OR NOT ${clientVisibleSql('c')} THEN 'not_visible'
                           WHEN NOT EXISTS (SELECT 1 FROM client_accounts a WHERE a.client_id = k.id AND a.active)
                             THEN 'no_portal_account'
                           WHEN $7 = 'roi' AND ${roiBlocksRequestSql('k.id', '$8::date')} THEN 'active_roi'
                           WHEN $7 = 'roi' AND ${openRoiRequestSql('k.id')} THEN 'roi_request_open'
                         END AS reason
                    FROM (SELECT r.client_id AS id) AS k LEFT JOIN clients c ON c.id = k.id
                  OFFSET 0) AS d)
      WHERE r.job_id = $4::uuid AND r.position > $5 AND r.position <= $5 + $6 AND r.outcome = 'pending'
     RETURNING r.client_id::text AS client_id, r.outcome`,
    [...viewerParams(sender), job.id, page.after, page.limit, job.kind, page.today],
  );
  return result.rows;
}

/**
 * Locks the clients of the recipients a batch will decide (db/client-lock.ts), in id order: what
 * the batch checks (one active ROI, one conversation per client and sender) holds until it commits,
 * as for a single send, which takes its client's lock before its own check.
 */
async function lockBatchClients(tx: Queryable, jobId: string, after: number, limit: number): Promise<void> {
  await tx.query(
    `SELECT 1 FROM clients c
      WHERE c.id IN (SELECT r.client_id FROM mass_send_recipients r
                      WHERE r.job_id = $1::uuid AND r.position > $2 AND r.position <= $2 + $3 AND r.outcome = 'pending')
      ORDER BY c.id FOR NO KEY UPDATE OF c`,
    [jobId, after, limit],
  );
}

/** The position before the first recipient still pending, or undefined when none is. */
async function beforeFirstPending(tx: Queryable, jobId: string): Promise<number | undefined> {
  const result = await tx.query<{ position: number | null }>(
    `SELECT min(position) AS position FROM mass_send_recipients WHERE job_id = $1::uuid AND outcome = 'pending'`,
    [jobId],
  );
  const first = result.rows[0]?.position;
  return first === null || first === undefined ? undefined : first - 1;
}

/**
 * The sender's one conversation with client `client`, found through the (client, staff) unique
 * index. OFFSET 0 keeps it a lookup per client: as a join, the planner prefers to hash all of the
 * sender's conversations for every batch, which grows with every conversation they ever had.
 */
function senderThreadSql(client: string, staff: string): string {
  return `(SELECT t.id, t.agency_id, t.private FROM threads t
            WHERE t.client_id = ${client} AND t.staff_id = ${staff} OFFSET 0)`;
}

/**
 * Each client's own copy of the message, in that client's one conversation with the sender (as
 * POST /api/messages does): conversations that exist get the new latest message, the others are
 * started. A copy takes its conversation's agency and privacy, like a single send's.
 */
async function sendMessages(tx: Queryable, job: ClaimedJob, clientIds: string[]): Promise<void> {
  // Existing conversations first, so new ones are written (and stamped) once, already up to date.
  await tx.query(
    `UPDATE threads SET last_message_at = now(), last_message_preview = $3, last_sender_kind = 'staff',
            client_unread = true
      WHERE id = ANY(ARRAY(SELECT found.id FROM unnest($2::uuid[]) AS x(client_id)
                           CROSS JOIN LATERAL ${senderThreadSql('x.client_id', '$1::uuid')} AS found))`,
    [job.sender_staff_id, clientIds, previewOf(job.body_text)],
  );
  // No ON CONFLICT here: with the clients' rows locked nobody else can start a conversation with
  // them between this check and the insert (every thread insert locks its client first), and the speculative insertion behind ON
  // CONFLICT costs about a fifth of the statement. A batch run again finds the ones it started.
  await tx.query(
    `INSERT INTO threads (id, client_id, staff_id, agency_id, started_by, last_message_at, last_message_preview,
                          last_sender_kind, staff_unread, client_unread)
     SELECT ${threadIdSql('$4::uuid', 'x.client_id')}, x.client_id, $1::uuid, $5::uuid, 'staff', now(), $3, 'staff',
            false, true
       FROM unnest($2::uuid[]) AS x(client_id)
      WHERE NOT EXISTS ${senderThreadSql('x.client_id', '$1::uuid')}`,
    [job.sender_staff_id, clientIds, previewOf(job.body_text), job.id, job.agency_id],
  );
  await tx.query(
    `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id, body_html,
                           body_text, sent_at)
     SELECT ${itemIdSql('j.id', 'x.client_id')}, t.id, x.client_id, t.agency_id, t.private, 'staff', j.sender_staff_id,
            j.body_html, j.body_text, now()
       FROM mass_send_jobs j CROSS JOIN unnest($2::uuid[]) AS x(client_id)
       CROSS JOIN LATERAL ${senderThreadSql('x.client_id', 'j.sender_staff_id')} AS t
      WHERE j.id = $1::uuid
     ON CONFLICT (id) DO NOTHING`,
    [job.id, clientIds],
  );
  if (job.attachment_ids.length === 0) return;
  await tx.query(
    `INSERT INTO message_attachments (message_id, file_id)
     SELECT ${itemIdSql('$1::uuid', 'x.client_id')}, f.file_id
       FROM unnest($2::uuid[]) AS x(client_id) CROSS JOIN unnest($3::uuid[]) AS f(file_id)
     ON CONFLICT DO NOTHING`,
    [job.id, clientIds, job.attachment_ids],
  );
}

/** Each client's own request, as POST /api/requests stores one (the target was checked on arrival). */
async function sendRequests(tx: Queryable, job: ClaimedJob, clientIds: string[]): Promise<void> {
  await tx.query(
    `INSERT INTO portal_requests (id, client_id, agency_id, sender_staff_id, type, private, assessment_definition_id,
                                  document_category_id, document_name, description, status, sent_at, expires_at)
     SELECT ${itemIdSql('j.id', 'x.client_id')}, x.client_id, j.agency_id, j.sender_staff_id, j.kind, j.private,
            j.assessment_definition_id, j.document_category_id, j.document_name, j.description, 'sent', now(),
            now() + make_interval(days => $3::int)
       FROM mass_send_jobs j CROSS JOIN unnest($2::uuid[]) AS x(client_id)
      WHERE j.id = $1::uuid
     ON CONFLICT (id) DO NOTHING`,
    [job.id, clientIds, REQUEST_EXPIRY_DAYS],
  );
}

export interface BatchOutcome {
  sent: number;
  skipped: number;
  done: boolean;
}

/** Runs one batch of `job` and brings its counts and status up to date. */
export async function runBatch(
  tx: Queryable,
  job: ClaimedJob,
  options: { batchSize: number; today: string },
): Promise<BatchOutcome> {
  const sender: Viewer = {
    userId: job.sender_staff_id,
    agencyId: job.sender_agency_id,
    role: job.sender_role,
  };
  const page = { limit: options.batchSize, today: options.today };
  await lockBatchClients(tx, job.id, job.sent + job.skipped, options.batchSize);
  // Batches commit with the counts, so the pending rows are the positions after the counted ones.
  let decided = await decideBatch(tx, job, sender, { ...page, after: job.sent + job.skipped });
  if (decided.length === 0) {
    // Should a row below that ever be pending, go back for it rather than leave a gap.
    const after = await beforeFirstPending(tx, job.id);
    if (after !== undefined) {
      await lockBatchClients(tx, job.id, after, options.batchSize);
      decided = await decideBatch(tx, job, sender, { ...page, after });
    }
  }
  const sentIds = decided.filter((row) => row.outcome === 'sent').map((row) => row.client_id);
  if (sentIds.length > 0) {
    if (job.kind === 'message') await sendMessages(tx, job, sentIds);
    else await sendRequests(tx, job, sentIds);
  }
  const sent = sentIds.length;
  const skipped = decided.length - sent;
  const result = await tx.query<{ status: string }>(
    `UPDATE mass_send_jobs
        SET sent = sent + $2, skipped = skipped + $3, failures = 0, worked_at = clock_timestamp(),
            status = CASE WHEN $4 OR sent + skipped + $2 + $3 >= total THEN 'done' ELSE 'running' END,
            finished_at = CASE WHEN $4 OR sent + skipped + $2 + $3 >= total THEN now() END
      WHERE id = $1::uuid RETURNING status`,
    [job.id, sent, skipped, decided.length === 0],
  );
  return { sent, skipped, done: result.rows[0]?.status === 'done' };
}
