import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clientActor, recordAudit } from '../audit/audit-log';
import type { PortalLimits } from '../config';
import { lockClient } from '../db/client-lock';
import type { Database } from '../db/database';
import type { FileStore } from '../files/file-store';
import { beforeReading, discardUpload, type ReceivedUpload, receiveUpload } from '../files/multipart-upload';
import { notFound, parseInput } from '../http/errors';
import { loadDocumentCategory } from '../requests/catalog-store';
import { clientRequest, ensureFulfillable } from '../requests/fulfilment';
import { insertDocumentRecord } from '../requests/record-store';
import { checkStorageQuota } from './client-limits';
import { requireClient } from './client-sessions';
import { portalRecord } from './record-views';
import { answerFulfilment, fulfil, requestParamsSchema } from './request-routes';

const documentFieldsSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the document.').max(200, 'The document name is too long.'),
});

/** Runs `work` with an upload's files; if it fails, none of them is kept. */
async function keepOnlyIfStored<T>(
  files: FileStore,
  upload: ReceivedUpload,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await discardUpload(files, upload);
    throw error;
  }
}

/**
 * The client's document uploads, registered inside the multipart scope (see requests/register.ts):
 * files fulfilling a document request, and documents the client sends unasked.
 */
export function registerPortalUploadRoutes(
  scope: FastifyInstance,
  db: Database,
  files: FileStore,
  limits: PortalLimits,
): void {
  // Every byte the client stored counts against their quota (client-limits.ts): checked before any
  // file is read, and again with the files' sizes under the client's row lock before they are kept.
  const uploaded = (upload: ReceivedUpload) => upload.files.reduce((sum, file) => sum + file.byteSize, 0);

  scope.post('/api/portal/requests/:id/documents', async (request, reply) => {
    // The request is checked before any file is read, so a closed one costs the client no upload;
    // it is checked again under lock once the files are in, in case it closed meanwhile.
    const { session, id } = await beforeReading(reply, async () => {
      const client = await requireClient(db, request);
      const params = parseInput(requestParamsSchema, request.params, 'request id');
      ensureFulfillable(await clientRequest(db, client.clientId, params.id), 'document');
      await checkStorageQuota(db, client.clientId, limits);
      return { session: client, id: params.id };
    });
    const upload = await receiveUpload(request, reply, files, []);
    const recordId = await keepOnlyIfStored(files, upload, () =>
      fulfil(db, session, id, 'document', async (tx, open) => {
        await checkStorageQuota(tx, session.clientId, limits, uploaded(upload));
        const category = open.document_category_id
          ? await loadDocumentCategory(tx, open.document_category_id)
          : undefined;
        return insertDocumentRecord(
          tx,
          {
            clientId: open.client_id,
            agencyId: open.agency_id,
            private: open.private,
            requestId: open.id,
            requestedByStaffId: open.sender_staff_id,
            submittedBy: 'client',
            categoryId: open.document_category_id ?? '',
            categoryName: category?.name ?? '',
            name: open.document_name,
          },
          upload.files,
        );
      }),
    );
    return answerFulfilment(db, reply, session, id, recordId);
  });

  scope.post('/api/portal/documents', async (request, reply) => {
    const session = await beforeReading(reply, async () => {
      const client = await requireClient(db, request);
      await checkStorageQuota(db, client.clientId, limits);
      return client;
    });
    const upload = await receiveUpload(request, reply, files, ['name']);
    const recordId = await keepOnlyIfStored(files, upload, async () => {
      const fields = parseInput(documentFieldsSchema, Object.fromEntries(upload.fields), 'document');
      return db.transaction(async (tx) => {
        // The quota is checked and the upload stored one at a time per client.
        await lockClient(tx, session.clientId);
        await checkStorageQuota(tx, session.clientId, limits, uploaded(upload));
        const client = await tx.query<{ agency_id: string }>(
          'SELECT agency_id::text AS agency_id FROM clients WHERE id = $1::uuid AND NOT deleted',
          [session.clientId],
        );
        const agencyId = client.rows[0]?.agency_id;
        if (!agencyId) throw notFound('Your client record is no longer available.');
        // Sent unasked: it belongs to the client's own agency and is shared as the record is.
        const id = await insertDocumentRecord(
          tx,
          {
            clientId: session.clientId,
            agencyId,
            private: false,
            requestId: null,
            requestedByStaffId: null,
            submittedBy: 'client',
            categoryId: '',
            categoryName: '',
            name: fields.name,
          },
          upload.files,
        );
        await recordAudit(tx, {
          actor: clientActor(session.clientId),
          action: 'portal.document_upload',
          subject: { kind: 'record', id },
          clientId: session.clientId,
          details: { files: upload.files.length },
        });
        return id;
      });
    });
    const record = await portalRecord(db, session.clientId, recordId);
    return reply.status(201).send({ record });
  });
}
