import type { MembershipDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import { clientSeenSinceSql, clientVisibleSql, viewerParams } from '../../authz/viewer';
import {
  accessChangedSinceSql,
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  positionOrderSql,
} from '../collection-handler';
import { refuseAllPushes } from './read-only-push';

interface MembershipRow {
  kind: MembershipDoc['kind'];
  id: string;
  client_id: string;
  staff_id: string;
  program_id: string;
  label: string;
  start_date: string;
  end_date: string | null;
  txid: number;
  seq: number;
  access_seq: number;
  deleted: boolean;
  updated_at: string;
  visible: boolean;
}

/**
 * Care teams and enrollments are seen exactly when their client is. `seen`: whether the viewer
 * could see the client at or after the checkpoint whose transaction id is in $4 (for removals);
 * false where no checkpoint is given.
 */
function membershipSql(withCheckpoint: boolean): string {
  const seen = withCheckpoint ? clientSeenSinceSql('c', 4) : 'false';
  return `
  SELECT 'careTeam' AS kind, m.id::text AS id, m.client_id::text AS client_id, m.staff_id::text AS staff_id,
         '' AS program_id, m.label, m.start_date, m.end_date, m.txid, m.seq, m.access_txid, m.access_seq, m.deleted,
         m.updated_at, m.doc_hash, ${clientVisibleSql('c')} AS visible, ${seen} AS seen
    FROM care_team m JOIN clients c ON c.id = m.client_id
  UNION ALL
  SELECT 'enrollment', m.id::text, m.client_id::text, '', m.program_id::text, '', m.start_date, m.exit_date,
         m.txid, m.seq, m.access_txid, m.access_seq, m.deleted, m.updated_at, m.doc_hash, ${clientVisibleSql('c')},
         ${seen}
    FROM enrollments m JOIN clients c ON c.id = m.client_id`;
}

const MEMBERSHIP_SQL = membershipSql(false);
const MEMBERSHIP_SINCE_SQL = membershipSql(true);

function toDoc(row: MembershipRow): WithDeletedFlag<MembershipDoc> {
  if (!row.visible) {
    return {
      id: row.id,
      kind: row.kind,
      clientId: '',
      staffId: '',
      programId: '',
      label: '',
      startDate: '',
      endDate: '',
      updatedAt: row.updated_at,
      serverSeq: row.seq,
      _deleted: true,
    };
  }
  return {
    id: row.id,
    kind: row.kind,
    clientId: row.client_id,
    staffId: row.staff_id,
    programId: row.program_id,
    label: row.label,
    startDate: row.start_date,
    endDate: row.end_date ?? '',
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

export const membershipsHandler: CollectionHandler<'memberships'> = {
  name: 'memberships',
  sourceTables: ['care_team', 'enrollments'],
  visibleRows: (viewer) => ({
    from: `(${MEMBERSHIP_SQL}) m`,
    alias: 'm',
    visible: 'm.visible',
    params: viewerParams(viewer),
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    // As for clients: no removals for a desktop that starts from nothing.
    const result = await db.query<MembershipRow>(
      `SELECT * FROM (${MEMBERSHIP_SINCE_SQL}) m
        WHERE ${afterCheckpointSql('m', 4, 5, releaseBelow)} AND (m.visible OR (${accessChangedSinceSql('m', 4, 5)} AND m.seen))
        ORDER BY ${positionOrderSql('m')} LIMIT $6`,
      [...viewerParams(viewer), ...checkpointParams(checkpoint), limit],
    );
    return { documents: result.rows.map(toDoc), checkpoint: nextCheckpoint(result.rows, checkpoint) };
  },
  push: (tx, viewer, rows) =>
    refuseAllPushes(
      rows,
      async (ids) => {
        if (ids.length === 0) return [];
        const result = await tx.query<MembershipRow>(
          `SELECT * FROM (${MEMBERSHIP_SQL}) m WHERE m.id = ANY($4::text[])`,
          [...viewerParams(viewer), ids],
        );
        return result.rows.map(toDoc);
      },
      'Care teams and enrollments are changed by the agency, not from the desktop.',
    ),
};
