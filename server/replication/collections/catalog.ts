import type { AssessmentField } from '../../../shared/domain/requests';
import type { CatalogDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import type { Viewer } from '../../authz/viewer';
import type { Queryable } from '../../db/database';
import {
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  positionOrderSql,
} from '../collection-handler';
import { refuseAllPushes } from './read-only-push';

export interface CatalogRow {
  kind: CatalogDoc['kind'];
  id: string;
  agency_id: string;
  name: string;
  active: boolean;
  portal_enabled: boolean;
  description: string;
  fields: AssessmentField[];
  predefined_names: string[];
  roi_term_days: number;
  txid: number;
  seq: number;
  deleted: boolean;
  updated_at: string;
}

/*
 * What an agency sets up for requests, in one collection: assessment definitions, document
 * categories and its settings. Each kind fills only its own fields; the rest hold neutral values
 * because the desktop's schema requires every field.
 */
export const CATALOG_SQL = `
  SELECT 'assessment' AS kind, id::text AS id, agency_id::text AS agency_id, name, active, portal_enabled,
         description, fields, '[]'::jsonb AS predefined_names, 0 AS roi_term_days, txid, seq, deleted,
         updated_at, doc_hash
    FROM assessment_definitions
  UNION ALL
  SELECT 'documentCategory', id::text, agency_id::text, name, active, false, '', '[]'::jsonb, predefined_names, 0,
         txid, seq, deleted, updated_at, doc_hash
    FROM document_categories
  UNION ALL
  SELECT 'agencySettings', s.id::text, s.agency_id::text, a.name, true, false, '', '[]'::jsonb, '[]'::jsonb,
         s.roi_term_days, s.txid, s.seq, s.deleted, s.updated_at, s.doc_hash
    FROM agency_settings s JOIN agencies a ON a.id = s.agency_id`;

/** Whether the viewer ($1 agency, $2 system admin) sees catalog row `k`: their own agency's. */
const CATALOG_VISIBLE = '($2::boolean OR k.agency_id = $1::text)';

/** The parameters CATALOG_VISIBLE refers to (the viewer's user id plays no part). */
const catalogViewerParams = (viewer: Viewer): [string, boolean] => [
  viewer.agencyId,
  viewer.role === 'system_admin',
];

export function catalogToDoc(row: CatalogRow): WithDeletedFlag<CatalogDoc> {
  return {
    id: row.id,
    kind: row.kind,
    agencyId: row.agency_id,
    name: row.name,
    active: row.active,
    portalEnabled: row.portal_enabled,
    description: row.description,
    fields: row.fields,
    predefinedNames: row.predefined_names,
    roiTermDays: row.roi_term_days,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

/** One catalog entry by id, whoever's it is (the caller decides what the viewer may do with it). */
export async function loadCatalogEntry(db: Queryable, id: string): Promise<CatalogRow | undefined> {
  const result = await db.query<CatalogRow>(`SELECT * FROM (${CATALOG_SQL}) k WHERE k.id = $1::text`, [id]);
  return result.rows[0];
}

async function visibleEntries(
  db: Queryable,
  viewer: Viewer,
  ids: string[],
): Promise<WithDeletedFlag<CatalogDoc>[]> {
  if (ids.length === 0) return [];
  const result = await db.query<CatalogRow>(
    `SELECT * FROM (${CATALOG_SQL}) k WHERE k.id = ANY($3::text[]) AND ${CATALOG_VISIBLE}`,
    [...catalogViewerParams(viewer), ids],
  );
  return result.rows.map(catalogToDoc);
}

/**
 * Staff never move between agencies, so who sees a catalog entry never changes and no removals
 * are needed; agency admins change the catalog through /api/admin, never by replication.
 */
export const catalogHandler: CollectionHandler<'catalog'> = {
  name: 'catalog',
  sourceTables: ['assessment_definitions', 'document_categories', 'agency_settings'],
  visibleRows: (viewer) => ({
    from: `(${CATALOG_SQL}) k`,
    alias: 'k',
    visible: CATALOG_VISIBLE,
    params: catalogViewerParams(viewer),
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    const result = await db.query<CatalogRow>(
      `SELECT * FROM (${CATALOG_SQL}) k WHERE ${afterCheckpointSql('k', 3, 4, releaseBelow)} AND ${CATALOG_VISIBLE}
        ORDER BY ${positionOrderSql('k')} LIMIT $5`,
      [...catalogViewerParams(viewer), ...checkpointParams(checkpoint), limit],
    );
    return { documents: result.rows.map(catalogToDoc), checkpoint: nextCheckpoint(result.rows, checkpoint) };
  },
  push: (tx, viewer, rows) =>
    refuseAllPushes(
      rows,
      (ids) => visibleEntries(tx, viewer, ids),
      'Assessments, document categories and agency settings are changed by an agency administrator.',
    ),
};
