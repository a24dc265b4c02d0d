import type { RecordData, RecordKind } from '../../shared/domain/requests';
import type { Queryable } from '../db/database';

/** A record as the portal shows it to the client it is about. */
export interface PortalRecord {
  id: string;
  kind: RecordKind;
  title: string;
  submittedAt: string;
  /** The request it answers, or null when sent unasked. */
  requestId: string | null;
  /** For documents, each file is at /api/records/{id}/files/{fileId}. */
  data: RecordData;
}

/** One of the client's own records; undefined for anyone else's (or none). */
export async function portalRecord(
  db: Queryable,
  clientId: string,
  id: string,
): Promise<PortalRecord | undefined> {
  const result = await db.query<{
    id: string;
    kind: RecordKind;
    title: string;
    submitted_at: string;
    request_id: string | null;
    data: RecordData;
  }>(
    `SELECT id::text AS id, kind, title, submitted_at, request_id::text AS request_id, data FROM client_records
      WHERE id = $1::uuid AND client_id = $2::uuid AND NOT deleted`,
    [id, clientId],
  );
  const row = result.rows[0];
  return (
    row && {
      id: row.id,
      kind: row.kind,
      title: row.title,
      submittedAt: row.submitted_at,
      requestId: row.request_id,
      data: row.data,
    }
  );
}
