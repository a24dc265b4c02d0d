import type {
  MassSendJobView,
  MassSendKind,
  MassSendResult,
  MassSendSkipReason,
} from '../../shared/domain/mass-send';
import { fullName } from '../../shared/domain/names';
import { clientVisibleSql, type Viewer, viewerParams } from '../authz/viewer';
import type { Database, Queryable } from '../db/database';
import { HttpError, notFound } from '../http/errors';
import type { JobPayload } from './job-input';

/** Workers LISTEN here, so a job accepted by any instance starts at once on whichever is free. */
export const MASS_SEND_CHANNEL = 'portico_mass_sends';

type ServerStatus = Exclude<MassSendJobView['status'], 'waiting'>;

export interface JobRow {
  id: string;
  sender_staff_id: string;
  agency_id: string;
  kind: MassSendKind;
  description: string;
  status: ServerStatus;
  error: string | null;
  total: number;
  sent: number;
  skipped: number;
  created_at: string;
  finished_at: string | null;
}

const JOB_COLUMNS = `id::text AS id, sender_staff_id::text AS sender_staff_id, agency_id::text AS agency_id, kind,
  description, status, error, total, sent, skipped, created_at, finished_at`;

export function jobView(row: JobRow): MassSendJobView {
  return {
    id: row.id,
    kind: row.kind,
    description: row.description,
    status: row.status,
    error: row.error,
    total: row.total,
    processed: row.sent + row.skipped,
    sent: row.sent,
    skipped: row.skipped,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export async function loadJob(db: Queryable, id: string): Promise<JobRow | undefined> {
  const result = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM mass_send_jobs WHERE id = $1::uuid`, [
    id,
  ]);
  return result.rows[0];
}

const JOB_ID_TAKEN = new HttpError(
  409,
  'mass_send_id_taken',
  'This mass send id is already used by another send. Send it again with a new id.',
);

/**
 * The job a resubmission names, when it exists: its sender gets it back unchanged (the desktop's
 * outbox retries after a lost answer); anyone else is refused, without learning what it was.
 */
export async function previousJob(db: Queryable, viewer: Viewer, id: string): Promise<JobRow | undefined> {
  const existing = await loadJob(db, id);
  if (existing && existing.sender_staff_id !== viewer.userId) throw JOB_ID_TAKEN;
  return existing;
}

/**
 * Stores a job and one pending row per recipient, in one transaction: the recipients in one
 * INSERT … SELECT over the id array, however many there are. A concurrent submission of the same
 * id waits on the primary key and then finds the job. Answers whether this call created it.
 */
export async function createJob(
  db: Database,
  viewer: Viewer,
  job: JobPayload,
): Promise<{ row: JobRow; created: boolean }> {
  const created = await db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO mass_send_jobs (id, sender_staff_id, agency_id, kind, private, description, body_html, body_text,
                                   attachment_ids, assessment_definition_id, document_category_id, document_name, total)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, $9::uuid[], $10::uuid, $11::uuid, $12, $13)
       ON CONFLICT (id) DO NOTHING`,
      [
        job.id,
        viewer.userId,
        viewer.agencyId,
        job.kind,
        job.private,
        job.description,
        job.bodyHtml,
        job.bodyText,
        job.attachmentIds,
        job.assessmentDefinitionId,
        job.documentCategoryId,
        job.documentName,
        job.clientIds.length,
      ],
    );
    if (inserted.rowCount === 0) return false;
    await tx.query(
      `INSERT INTO mass_send_recipients (job_id, position, client_id)
       SELECT $1::uuid, r.position, r.client_id FROM unnest($2::uuid[]) WITH ORDINALITY AS r(client_id, position)`,
      [job.id, job.clientIds],
    );
    await tx.query('SELECT pg_notify($1, $2)', [MASS_SEND_CHANNEL, job.id]);
    return true;
  });
  const row = created ? await loadJob(db, job.id) : await previousJob(db, viewer, job.id);
  if (!row) throw new Error('a mass send job vanished after it was stored');
  return { row, created };
}

const JOB_NOT_AVAILABLE = 'That mass send does not exist or is not available to you.';

/** A job its reader may follow: the sender, an administrator of the sender's agency, or a system admin. */
export async function jobForReader(db: Queryable, viewer: Viewer, id: string): Promise<JobRow> {
  const row = await loadJob(db, id);
  const allowed =
    row !== undefined &&
    (row.sender_staff_id === viewer.userId ||
      viewer.role === 'system_admin' ||
      (viewer.role === 'agency_admin' && row.agency_id === viewer.agencyId));
  if (!row || !allowed) throw notFound(JOB_NOT_AVAILABLE);
  return row;
}

/** The caller's own jobs, newest first. */
export async function recentJobs(db: Queryable, viewer: Viewer, limit: number): Promise<JobRow[]> {
  const result = await db.query<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM mass_send_jobs WHERE sender_staff_id = $1::uuid
      ORDER BY created_at DESC, id LIMIT $2`,
    [viewer.userId, limit],
  );
  return result.rows;
}

interface ResultRow {
  client_id: string;
  outcome: 'sent' | 'skipped';
  reason: MassSendSkipReason | null;
  first_name: string | null;
  last_name: string | null;
  visible: boolean;
}

/**
 * Finished recipients in the order staff saw them. A client's name is given only to a reader who
 * may see the client now (an empty name otherwise: the sender's desktop shows the one it has), so
 * reading a job never reveals a record its reader could not open.
 */
export async function jobResults(
  db: Queryable,
  viewer: Viewer,
  jobId: string,
  page: { offset: number; limit: number },
): Promise<MassSendResult[]> {
  const result = await db.query<ResultRow>(
    `SELECT r.client_id::text AS client_id, r.outcome, r.reason, c.first_name, c.last_name,
            coalesce(NOT c.deleted AND ${clientVisibleSql('c')}, false) AS visible
       FROM mass_send_recipients r LEFT JOIN clients c ON c.id = r.client_id
      WHERE r.job_id = $4::uuid AND r.outcome <> 'pending'
      ORDER BY r.position OFFSET $5 LIMIT $6`,
    [...viewerParams(viewer), jobId, page.offset, page.limit],
  );
  return result.rows.map((row) => ({
    clientId: row.client_id,
    clientName: row.visible
      ? fullName({ firstName: row.first_name ?? '', lastName: row.last_name ?? '' })
      : '',
    outcome: row.outcome,
    reason: row.reason,
  }));
}
