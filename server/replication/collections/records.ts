import type { RecordData } from '../../../shared/domain/requests';
import type { RecordDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import { portalItemSeenSinceSql, portalItemVisibleSql, type Viewer, viewerParams } from '../../authz/viewer';
import type { Queryable } from '../../db/database';
import {
  accessChangedSinceSql,
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  positionOrderSql,
} from '../collection-handler';
import { refuseAllPushes } from './read-only-push';

export interface RecordRow {
  id: string;
  client_id: string;
  agency_id: string;
  kind: RecordDoc['kind'];
  private: boolean;
  request_id: string | null;
  requested_by_staff_id: string | null;
  submitted_by: RecordDoc['submittedBy'];
  submitted_at: string;
  title: string;
  data: RecordData;
  txid: number;
  seq: number;
  access_seq: number;
  deleted: boolean;
  updated_at: string;
  visible: boolean;
}

/** Columns of `client_records d JOIN clients c`, with whether the viewer ($1–$3) may see each record. */
export const RECORD_COLUMNS = `d.id::text AS id, d.client_id::text AS client_id, d.agency_id::text AS agency_id,
  d.kind, d.private, d.request_id::text AS request_id, d.requested_by_staff_id::text AS requested_by_staff_id,
  d.submitted_by, d.submitted_at, d.title, d.data, d.txid, d.seq, d.access_seq, d.deleted, d.updated_at,
  ${portalItemVisibleSql('d', 'c')} AS visible`;

export const FROM_RECORDS = 'FROM client_records d JOIN clients c ON c.id = d.client_id';

export function recordToDoc(row: RecordRow): WithDeletedFlag<RecordDoc> {
  return {
    id: row.id,
    clientId: row.client_id,
    agencyId: row.agency_id,
    kind: row.kind,
    private: row.private,
    requestId: row.request_id ?? '',
    requestedByStaffId: row.requested_by_staff_id ?? '',
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    title: row.title,
    data: row.data,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

/** The id and the deletion only; enum fields hold placeholders the desktop's schema requires. */
function redactedRecord(row: { id: string; seq: number; updated_at: string }): WithDeletedFlag<RecordDoc> {
  return {
    id: row.id,
    clientId: '',
    agencyId: '',
    kind: 'document',
    private: false,
    requestId: '',
    requestedByStaffId: '',
    submittedBy: 'client',
    submittedAt: '',
    title: '',
    data: { address: '', latitude: null, longitude: null, accuracy: null },
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: true,
  };
}

export function recordRowToDocForViewer(row: RecordRow): WithDeletedFlag<RecordDoc> {
  return row.visible ? recordToDoc(row) : redactedRecord(row);
}

export async function loadRecordForViewer(
  db: Queryable,
  viewer: Viewer,
  id: string,
): Promise<RecordRow | undefined> {
  const result = await db.query<RecordRow>(`SELECT ${RECORD_COLUMNS} ${FROM_RECORDS} WHERE d.id = $4::uuid`, [
    ...viewerParams(viewer),
    id,
  ]);
  return result.rows[0];
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records are written by the server (fulfilments, uploads), never edited by replication. */
export const recordsHandler: CollectionHandler<'records'> = {
  name: 'records',
  sourceTables: ['client_records'],
  visibleRows: (viewer) => ({
    from: FROM_RECORDS.slice('FROM '.length),
    alias: 'd',
    visible: portalItemVisibleSql('d', 'c'),
    params: viewerParams(viewer),
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    // As for clients: a desktop starting from nothing is sent no removals.
    const result = await db.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} ${FROM_RECORDS}
        WHERE ${afterCheckpointSql('d', 4, 5, releaseBelow)}
          AND (${portalItemVisibleSql('d', 'c')}
            OR (${accessChangedSinceSql('d', 4, 5)} AND ${portalItemSeenSinceSql('d', 'c', 4)}))
        ORDER BY ${positionOrderSql('d')} LIMIT $6`,
      [...viewerParams(viewer), ...checkpointParams(checkpoint), limit],
    );
    return {
      documents: result.rows.map(recordRowToDocForViewer),
      checkpoint: nextCheckpoint(result.rows, checkpoint),
    };
  },
  push: (tx, viewer, rows) =>
    refuseAllPushes(
      rows,
      async (ids) => {
        // Ids that are not UUIDs cannot name a record; the cast would fail the whole push.
        const uuids = ids.filter((id) => UUID_PATTERN.test(id));
        if (uuids.length === 0) return [];
        const result = await tx.query<RecordRow>(
          `SELECT ${RECORD_COLUMNS} ${FROM_RECORDS} WHERE d.id = ANY($4::uuid[])`,
          [...viewerParams(viewer), uuids],
        );
        // Records the viewer may not see come back redacted, so their content never leaks.
        return result.rows.map(recordRowToDocForViewer);
      },
      'Records on a client’s profile cannot be changed from the desktop.',
    ),
};
