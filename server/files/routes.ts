import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import { clientVisibleSql, viewerParams } from '../authz/viewer';
import type { Database } from '../db/database';
import { notFound, parseInput } from '../http/errors';
import type { FileStore } from './file-store';

const NOT_AVAILABLE = 'That file does not exist or is not available to you.';

const fileParamsSchema = z.object({ id: z.string().uuid('File ids are UUIDs.') });

interface FileRow {
  client_id: string | null;
  storage_key: string;
  content_type: string;
  byte_size: number;
  original_name: string;
}

/**
 * A file is served to staff who may see the record it belongs to. Client photos belong to their
 * client; a file attached to nothing visible is "not found", never "forbidden", so ids reveal nothing.
 */
export function registerFileRoutes(app: FastifyInstance, db: Database, store: FileStore): void {
  app.get('/api/files/:id', async (request, reply) => {
    const session = await requireStaff(db, request);
    const { id } = parseInput(fileParamsSchema, request.params, 'file id');
    const result = await db.query<FileRow>(
      `SELECT (SELECT pc.id::text FROM clients pc WHERE pc.photo_file_id = f.id LIMIT 1) AS client_id,
              f.storage_key, f.content_type, f.byte_size, f.original_name FROM files f
        WHERE f.id = $4::uuid AND (
          $3::boolean
          OR EXISTS (SELECT 1 FROM clients c WHERE c.photo_file_id = f.id AND NOT c.deleted AND ${clientVisibleSql('c')}))`,
      [...viewerParams(session.viewer), id],
    );
    const file = result.rows[0];
    if (!file || !(await store.stat(file.storage_key))) throw notFound(NOT_AVAILABLE);
    await recordAudit(db, {
      actor: staffActor(session.user.id),
      action: 'file.download',
      subject: { kind: 'file', id },
      clientId: file.client_id,
      details: { kind: 'photo' },
    });
    void reply
      .header('content-type', file.content_type)
      .header('content-length', String(file.byte_size))
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="${encodeURIComponent(file.original_name)}"`);
    // Deleted between the check and now: still "not available", never a broken download.
    const body = await store.get(file.storage_key);
    if (!body) throw notFound(NOT_AVAILABLE);
    return reply.send(body);
  });
}
