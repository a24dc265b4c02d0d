import { randomUUID } from 'node:crypto';
import type { DocumentFile, RecordData, RecordKind } from '../../shared/domain/requests';
import type { Queryable } from '../db/database';
import type { ReceivedFile } from '../files/multipart-upload';

/*
 * Writing client records, shared by staff uploads, portal uploads and request fulfilments. Rules
 * that check before writing (upload quota, one active ROI) run in a transaction that locked the
 * client's row first (db/client-lock.ts).
 */

export interface NewRecord {
  clientId: string;
  agencyId: string;
  kind: RecordKind;
  private: boolean;
  requestId: string | null;
  /** The request's sender, or the staff member who added it; null when a client sent it unasked. */
  requestedByStaffId: string | null;
  submittedBy: 'client' | 'staff';
  title: string;
  data: RecordData;
  /** When it arrived; now unless given (the demo seed gives past dates). */
  submittedAt?: string;
}

/** Inserts a record and answers its id. */
export async function insertRecord(tx: Queryable, record: NewRecord): Promise<string> {
  const result = await tx.query<{ id: string }>(
    `INSERT INTO client_records (client_id, agency_id, kind, private, request_id, requested_by_staff_id, submitted_by,
                                 submitted_at, title, data)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6::uuid, $7, coalesce($10::timestamptz, now()), $8, $9::jsonb)
     RETURNING id::text AS id`,
    [
      record.clientId,
      record.agencyId,
      record.kind,
      record.private,
      record.requestId,
      record.requestedByStaffId,
      record.submittedBy,
      record.title,
      JSON.stringify(record.data),
      record.submittedAt ?? null,
    ],
  );
  const id = result.rows[0]?.id;
  if (!id) throw new Error('inserting a record returned no id');
  return id;
}

/**
 * Registers uploaded files as a document's files (`files` rows of kind 'document'), answering
 * what the record's data lists. They are linked to the record with linkRecordFiles once it exists.
 */
export async function registerDocumentFiles(
  tx: Queryable,
  files: readonly ReceivedFile[],
  owner: { agencyId: string; createdByStaffId: string | null },
): Promise<DocumentFile[]> {
  const registered: DocumentFile[] = [];
  for (const file of files) {
    const fileId = randomUUID();
    await tx.query(
      `INSERT INTO files (id, agency_id, storage_key, content_type, byte_size, sha256, original_name, created_by, kind)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::uuid, 'document')`,
      [
        fileId,
        owner.agencyId,
        file.storageKey,
        file.contentType,
        file.byteSize,
        file.sha256,
        file.name,
        owner.createdByStaffId,
      ],
    );
    registered.push({ fileId, name: file.name, size: file.byteSize, contentType: file.contentType });
  }
  return registered;
}

export async function linkRecordFiles(
  tx: Queryable,
  recordId: string,
  files: readonly DocumentFile[],
): Promise<void> {
  for (const [position, file] of files.entries()) {
    await tx.query(
      'INSERT INTO record_files (record_id, file_id, position) VALUES ($1::uuid, $2::uuid, $3)',
      [recordId, file.fileId, position],
    );
  }
}

/** A document record with its files, in one go. */
export async function insertDocumentRecord(
  tx: Queryable,
  record: Omit<NewRecord, 'kind' | 'data' | 'title'> & {
    categoryId: string;
    categoryName: string;
    name: string;
  },
  files: readonly ReceivedFile[],
): Promise<string> {
  const registered = await registerDocumentFiles(tx, files, {
    agencyId: record.agencyId,
    createdByStaffId: record.submittedBy === 'staff' ? record.requestedByStaffId : null,
  });
  const id = await insertRecord(tx, {
    ...record,
    kind: 'document',
    title: record.name,
    data: {
      categoryId: record.categoryId,
      categoryName: record.categoryName,
      name: record.name,
      files: registered,
    },
  });
  await linkRecordFiles(tx, id, registered);
  return id;
}
