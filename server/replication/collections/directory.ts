import type { DirectoryDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import type { Queryable } from '../../db/database';
import {
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  positionOrderSql,
} from '../collection-handler';
import { refuseAllPushes } from './read-only-push';

interface DirectoryRow {
  kind: DirectoryDoc['kind'];
  id: string;
  agency_id: string;
  name: string;
  role: DirectoryDoc['role'];
  title: string;
  active: boolean;
  allow_client_contact: boolean;
  txid: number;
  seq: number;
  deleted: boolean;
  updated_at: string;
}

/*
 * Agencies, staff and programs are names every staff member needs to read a shared record
 * (who is on this care team, which program), so the directory is visible to all signed-in staff.
 * Nothing about a staff member beyond name, role, title and the contact setting is replicated.
 */
const DIRECTORY_SQL = `
  SELECT 'agency' AS kind, id::text AS id, id::text AS agency_id, name, '' AS role, '' AS title,
         true AS active, false AS allow_client_contact, txid, seq, deleted, updated_at, doc_hash FROM agencies
  UNION ALL
  SELECT 'staff', id::text, agency_id::text, display_name, role, title, active, allow_client_contact,
         txid, seq, deleted, updated_at, doc_hash FROM users
  UNION ALL
  SELECT 'program', id::text, agency_id::text, name, '', description, active, false, txid, seq, deleted, updated_at,
         doc_hash
    FROM programs`;

function toDoc(row: DirectoryRow): WithDeletedFlag<DirectoryDoc> {
  return {
    id: row.id,
    kind: row.kind,
    agencyId: row.agency_id,
    name: row.name,
    role: row.role,
    title: row.title,
    active: row.active,
    allowClientContact: row.allow_client_contact,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

async function currentState(db: Queryable, ids: string[]): Promise<WithDeletedFlag<DirectoryDoc>[]> {
  if (ids.length === 0) return [];
  const result = await db.query<DirectoryRow>(
    `SELECT * FROM (${DIRECTORY_SQL}) d WHERE d.id = ANY($1::text[])`,
    [ids],
  );
  return result.rows.map(toDoc);
}

export const directoryHandler: CollectionHandler<'directory'> = {
  name: 'directory',
  sourceTables: ['agencies', 'users', 'programs'],
  visibleRows: () => ({ from: `(${DIRECTORY_SQL}) d`, alias: 'd', visible: 'true', params: [] }),
  async pull(db, _viewer, checkpoint, limit, releaseBelow) {
    const result = await db.query<DirectoryRow>(
      `SELECT * FROM (${DIRECTORY_SQL}) d WHERE ${afterCheckpointSql('d', 1, 2, releaseBelow)}
        ORDER BY ${positionOrderSql('d')} LIMIT $3`,
      [...checkpointParams(checkpoint), limit],
    );
    return { documents: result.rows.map(toDoc), checkpoint: nextCheckpoint(result.rows, checkpoint) };
  },
  push: (tx, _viewer, rows) =>
    refuseAllPushes(
      rows,
      (ids) => currentState(tx, ids),
      'The directory is managed by agency administrators.',
    ),
};
