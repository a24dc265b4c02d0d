import type { FastifyInstance } from 'fastify';
import type { RecordData, RecordKind } from '../../shared/domain/requests';
import type { Database } from '../db/database';
import { requireClient } from './client-sessions';
import type { PortalRecord } from './record-views';

const MAX_LISTED = 200;

/**
 * The client's Documents page: every document on their own record they may see — what they sent,
 * asked or unasked — newest first. Records private to an agency are still the client's own; privacy
 * is about other agencies' staff, not the person the record is about.
 */
export function registerPortalDocumentListRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/portal/documents', async (request) => {
    const session = await requireClient(db, request);
    const result = await db.query<{
      id: string;
      kind: RecordKind;
      title: string;
      submitted_at: string;
      request_id: string | null;
      data: RecordData;
    }>(
      `SELECT id::text AS id, kind, title, submitted_at, request_id::text AS request_id, data FROM client_records
        WHERE client_id = $1::uuid AND kind = 'document' AND submitted_by = 'client' AND NOT deleted
        ORDER BY submitted_at DESC, id DESC LIMIT $2`,
      [session.clientId, MAX_LISTED],
    );
    const records: PortalRecord[] = result.rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      submittedAt: row.submitted_at,
      requestId: row.request_id,
      data: row.data,
    }));
    return { records };
  });
}
