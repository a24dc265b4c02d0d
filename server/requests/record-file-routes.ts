import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RecordDoc } from '../../shared/replication/documents';
import { clientActor, recordAudit, staffActor } from '../audit/audit-log';
import { bearerToken, requireStaff } from '../auth/authenticate';
import { lookupSession } from '../auth/sessions';
import { portalItemVisibleSql, type Viewer, viewerParams } from '../authz/viewer';
import type { Database, Queryable } from '../db/database';
import type { FileStore } from '../files/file-store';
import { beforeReading, discardUpload, receiveUpload } from '../files/multipart-upload';
import { badRequest, notFound, parseInput } from '../http/errors';
import { CLIENT_SESSION_ERRORS, requireClient } from '../portal-api/client-sessions';
import { loadClientForViewer } from '../replication/collections/clients';
import { loadRecordForViewer, recordToDoc } from '../replication/collections/records';
import { loadDocumentCategory } from './catalog-store';
import { insertDocumentRecord } from './record-store';

const clientParamsSchema = z.object({ clientId: z.string().uuid('Client ids are UUIDs.') });
const fileParamsSchema = z.object({
  recordId: z.string().uuid('Record ids are UUIDs.'),
  fileId: z.string().uuid('File ids are UUIDs.'),
});

/** The text fields of a staff member's document upload (multipart sends text only). */
const staffDocumentSchema = z.object({
  categoryId: z.string().uuid('Choose a document category.'),
  name: z.string().trim().min(1, 'Enter a name for the document.').max(200, 'The document name is too long.'),
  private: z.enum(['true', 'false'], 'Say whether the document is private (true or false).'),
});

const FILE_NOT_AVAILABLE = 'That file does not exist or is not available to you.';

type FileReader = { kind: 'staff'; viewer: Viewer } | { kind: 'client'; clientId: string };

/** Staff by their session; otherwise a portal client by theirs (a header or the web app's cookie). */
async function identifyFileReader(db: Database, request: FastifyRequest): Promise<FileReader> {
  const staff = await lookupSession(db, bearerToken(request));
  if (staff.status === 'valid') return { kind: 'staff', viewer: staff.session.viewer };
  if (staff.status === 'expired') throw CLIENT_SESSION_ERRORS.expired;
  const client = await requireClient(db, request);
  return { kind: 'client', clientId: client.clientId };
}

interface RecordFileRow {
  client_id: string;
  storage_key: string;
  content_type: string;
  byte_size: number;
  original_name: string;
}

const FILE_COLUMNS =
  'd.client_id::text AS client_id, f.storage_key, f.content_type, f.byte_size, f.original_name';

/** A file of a record the reader may see: staff as for the record itself, a client for their own records. */
async function findRecordFile(
  db: Queryable,
  reader: FileReader,
  recordId: string,
  fileId: string,
): Promise<RecordFileRow | undefined> {
  const from = `FROM record_files rf JOIN files f ON f.id = rf.file_id JOIN client_records d ON d.id = rf.record_id
    JOIN clients c ON c.id = d.client_id`;
  const result =
    reader.kind === 'staff'
      ? await db.query<RecordFileRow>(
          `SELECT ${FILE_COLUMNS} ${from} WHERE rf.record_id = $4::uuid AND rf.file_id = $5::uuid AND NOT d.deleted
              AND ${portalItemVisibleSql('d', 'c')}`,
          [...viewerParams(reader.viewer), recordId, fileId],
        )
      : await db.query<RecordFileRow>(
          `SELECT ${FILE_COLUMNS} ${from} WHERE rf.record_id = $1::uuid AND rf.file_id = $2::uuid AND NOT d.deleted
              AND d.client_id = $3::uuid`,
          [recordId, fileId, reader.clientId],
        );
  return result.rows[0];
}

/** `attachment` with the original name: a plain fallback plus the exact name (RFC 6266 / 5987). */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

async function recordDocForViewer(db: Queryable, viewer: Viewer, id: string): Promise<RecordDoc> {
  const row = await loadRecordForViewer(db, viewer, id);
  if (!row?.visible) throw notFound('That record does not exist or is not available to you.');
  const { _deleted, ...doc } = recordToDoc(row);
  return doc;
}

/** Documents on a client's record: staff add them; staff and the client download their files. */
export function registerRecordFileRoutes(app: FastifyInstance, db: Database, files: FileStore): void {
  app.get('/api/records/:recordId/files/:fileId', async (request, reply) => {
    const reader = await identifyFileReader(db, request);
    const { recordId, fileId } = parseInput(fileParamsSchema, request.params, 'file address');
    const file = await findRecordFile(db, reader, recordId, fileId);
    if (!file || !(await files.stat(file.storage_key))) throw notFound(FILE_NOT_AVAILABLE);
    await recordAudit(db, {
      actor: reader.kind === 'staff' ? staffActor(reader.viewer.userId) : clientActor(reader.clientId),
      action: 'file.download',
      subject: { kind: 'file', id: fileId },
      clientId: file.client_id,
      details: { recordId },
    });
    // Whatever was uploaded is handed over as a download, never shown by the browser as a page.
    void reply
      .header('content-type', file.content_type)
      .header('content-length', String(file.byte_size))
      .header('content-disposition', attachmentDisposition(file.original_name))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    // Deleted between the check and now: still "not available", never a broken download.
    const body = await files.get(file.storage_key);
    if (!body) throw notFound(FILE_NOT_AVAILABLE);
    return reply.send(body);
  });
}

/** Registered inside the multipart scope (see app.ts), where multipart bodies are streamed. */
export function registerStaffDocumentUpload(scope: FastifyInstance, db: Database, files: FileStore): void {
  scope.post('/api/clients/:clientId/documents', async (request, reply) => {
    // Checked before any file is read, so a refused upload costs nothing.
    const { viewer, clientId } = await beforeReading(reply, async () => {
      const session = await requireStaff(db, request);
      const params = parseInput(clientParamsSchema, request.params, 'client id');
      const client = await loadClientForViewer(db, session.viewer, params.clientId);
      if (!client?.visible || client.deleted)
        throw notFound('That client does not exist or is not available to you.');
      return { viewer: session.viewer, clientId: params.clientId };
    });
    const upload = await receiveUpload(request, reply, files, ['categoryId', 'name', 'private']);
    let recordId: string;
    try {
      const fields = parseInput(staffDocumentSchema, Object.fromEntries(upload.fields), 'document');
      recordId = await db.transaction(async (tx) => {
        const category = await loadDocumentCategory(tx, fields.categoryId);
        if (!category || category.deleted || category.agency_id !== viewer.agencyId)
          throw badRequest('Choose a document category of your agency.');
        if (!category.active) throw badRequest('That document category is no longer in use.');
        const id = await insertDocumentRecord(
          tx,
          {
            clientId,
            agencyId: viewer.agencyId,
            private: fields.private === 'true',
            requestId: null,
            requestedByStaffId: viewer.userId,
            submittedBy: 'staff',
            categoryId: category.id,
            categoryName: category.name,
            name: fields.name,
          },
          upload.files,
        );
        await recordAudit(tx, {
          actor: staffActor(viewer.userId),
          action: 'record.add',
          subject: { kind: 'record', id },
          clientId,
          private: fields.private === 'true',
          details: { kind: 'document', files: upload.files.length },
        });
        return id;
      });
    } catch (error) {
      // Refused after the files arrived: none of them is kept.
      await discardUpload(files, upload);
      throw error;
    }
    return reply.status(201).send({ record: await recordDocForViewer(db, viewer, recordId) });
  });
}
