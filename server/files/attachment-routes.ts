import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { clientActor, recordAudit, staffActor } from '../audit/audit-log';
import { bearerToken, requireStaff } from '../auth/authenticate';
import { lookupSession } from '../auth/sessions';
import { type Viewer, viewerParams } from '../authz/viewer';
import type { Database } from '../db/database';
import { badRequest, HttpError, notFound, parseInput } from '../http/errors';
import { CLIENT_SESSION_ERRORS, lookupClientSession } from '../portal-api/client-sessions';
import { portalCookieToken } from '../portal-api/session-cookie';
import { clientMayReadAttachmentSql, staffMayReadAttachmentSql } from './attachment-access';
import type { FileStore, StoredFile } from './file-store';
import { isPictureType, PICTURE_TYPES, UploadGuard, UploadNotOfType, UploadTooLarge } from './upload-guard';

const attachmentParamsSchema = z.object({ id: z.string().uuid('Attachment ids are UUIDs.') });

const NOT_AVAILABLE = 'That image does not exist or is not available to you.';

const tooLarge = () => new HttpError(413, 'file_too_large', PRODUCT_TEXTS.invalidFileSize);

interface AttachmentRow {
  storage_key: string;
  content_type: string;
  byte_size: number;
}

const COLUMNS = 'f.storage_key, f.content_type, f.byte_size';

type Reader = { kind: 'staff'; viewer: Viewer } | { kind: 'client'; clientId: string };

/**
 * Who asks for a picture: staff by their session, a portal client by theirs. Staff tokens are
 * tried first; a token that is neither gets the same 401s as everywhere else.
 */
async function identifyReader(db: Database, token: string | undefined): Promise<Reader> {
  const staff = await lookupSession(db, token);
  if (staff.status === 'valid') return { kind: 'staff', viewer: staff.session.viewer };
  const client = await lookupClientSession(db, token);
  if (client.status === 'valid') return { kind: 'client', clientId: client.session.clientId };
  throw CLIENT_SESSION_ERRORS[staff.status === 'expired' ? 'expired' : client.status];
}

async function findReadableAttachment(
  db: Database,
  reader: Reader,
  id: string,
): Promise<AttachmentRow | undefined> {
  const result =
    reader.kind === 'staff'
      ? await db.query<AttachmentRow>(
          `SELECT ${COLUMNS} FROM files f WHERE f.id = $4::uuid AND ${staffMayReadAttachmentSql('f')}`,
          [...viewerParams(reader.viewer), id],
        )
      : await db.query<AttachmentRow>(
          `SELECT ${COLUMNS} FROM files f WHERE f.id = $1::uuid AND ${clientMayReadAttachmentSql('f', '$2')}`,
          [id, reader.clientId],
        );
  return result.rows[0];
}

/** Streams one upload into the store, turning the guard's refusals into answers. */
async function storeUpload(
  files: FileStore,
  source: Readable,
  type: keyof typeof PICTURE_TYPES,
  reply: FastifyReply,
): Promise<StoredFile> {
  try {
    return await files.put(source, {
      guard: new UploadGuard(MAX_UPLOAD_BYTES, type),
      maxBytes: MAX_UPLOAD_BYTES,
    });
  } catch (error) {
    // The rest of the upload is not read: the connection closes after the answer.
    void reply.header('connection', 'close');
    if (error instanceof UploadTooLarge) throw tooLarge();
    if (error instanceof UploadNotOfType)
      throw new HttpError(
        415,
        'not_a_picture',
        `This file is not a ${PICTURE_TYPES[type].label} image, although it was sent as one.`,
      );
    throw badRequest('The upload ended before the whole image arrived. Try again.');
  }
}

/**
 * Pictures in messages. Uploads are the request's raw bytes, checked while they stream in: at
 * most MAX_UPLOAD_BYTES (the 25MB the product promises), and really the picture type they claim.
 */
export function registerAttachmentRoutes(app: FastifyInstance, db: Database, files: FileStore): void {
  void app.register(async (scope) => {
    // Only this route reads its own body: every content type reaches the handler unparsed, where
    // the stream is read under the upload limit (Fastify's bodyLimit applies to parsed bodies only).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

    scope.post('/api/attachments', async (request, reply) => {
      const session = await requireStaff(db, request);
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!isPictureType(contentType)) {
        void reply.header('connection', 'close');
        throw new HttpError(
          415,
          'unsupported_media_type',
          'Only images can be attached to a message: PNG, JPEG, GIF or WebP.',
        );
      }
      const declared = Number(request.headers['content-length']);
      // An honest client says its size first; refuse before reading anything.
      if (declared > MAX_UPLOAD_BYTES) {
        void reply.header('connection', 'close');
        throw tooLarge();
      }
      const stored = await storeUpload(files, request.raw, contentType, reply);
      try {
        const result = await db.query<{ id: string }>(
          `INSERT INTO files (agency_id, storage_key, content_type, byte_size, sha256, original_name, created_by, kind)
           VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, 'attachment') RETURNING id::text AS id`,
          [
            session.user.agencyId,
            stored.storageKey,
            contentType,
            stored.byteSize,
            stored.sha256,
            `image.${PICTURE_TYPES[contentType].extension}`,
            session.user.id,
          ],
        );
        const id = result.rows[0]?.id;
        if (!id) throw new Error('storing an attachment returned no id');
        return reply.status(201).send({ id, url: `/api/attachments/${id}` });
      } catch (error) {
        await files.delete(stored.storageKey);
        throw error;
      }
    });
  });

  app.get('/api/attachments/:id', async (request, reply) => {
    // The portal's web app shows pictures with <img>, which sends its session cookie, never a header.
    const reader = await identifyReader(db, bearerToken(request) ?? portalCookieToken(request));
    const { id } = parseInput(attachmentParamsSchema, request.params, 'image id');
    const file = await findReadableAttachment(db, reader, id);
    if (!file || !(await files.stat(file.storage_key))) throw notFound(NOT_AVAILABLE);
    await recordAudit(db, {
      actor: reader.kind === 'staff' ? staffActor(reader.viewer.userId) : clientActor(reader.clientId),
      action: 'file.download',
      subject: { kind: 'file', id },
      details: { kind: 'attachment' },
    });
    void reply
      .header('content-type', file.content_type)
      .header('content-length', String(file.byte_size))
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'");
    // Deleted between the check and now: still "not available", never a broken download.
    const body = await files.get(file.storage_key);
    if (!body) throw notFound(NOT_AVAILABLE);
    return reply.send(body);
  });
}
