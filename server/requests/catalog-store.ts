import type { AssessmentField } from '../../shared/domain/requests';
import type { RoiState } from '../../shared/domain/roi-rule';
import type { Queryable } from '../db/database';

/** The ROI term an agency uses when it has not set one (agency_settings.roi_term_days' default). */
export const DEFAULT_ROI_TERM_DAYS = 365;

export interface AssessmentDefinition {
  id: string;
  agency_id: string;
  name: string;
  description: string;
  fields: AssessmentField[];
  portal_enabled: boolean;
  active: boolean;
  deleted: boolean;
}

export interface DocumentCategory {
  id: string;
  agency_id: string;
  name: string;
  predefined_names: string[];
  active: boolean;
  deleted: boolean;
}

export async function loadAssessmentDefinition(
  db: Queryable,
  id: string,
): Promise<AssessmentDefinition | undefined> {
  const result = await db.query<AssessmentDefinition>(
    `SELECT id::text AS id, agency_id::text AS agency_id, name, description, fields, portal_enabled, active, deleted
       FROM assessment_definitions WHERE id = $1::uuid`,
    [id],
  );
  return result.rows[0];
}

export async function loadDocumentCategory(db: Queryable, id: string): Promise<DocumentCategory | undefined> {
  const result = await db.query<DocumentCategory>(
    `SELECT id::text AS id, agency_id::text AS agency_id, name, predefined_names, active, deleted
       FROM document_categories WHERE id = $1::uuid`,
    [id],
  );
  return result.rows[0];
}

/** The agency's default ROI term in days. */
export async function roiTermDaysOf(db: Queryable, agencyId: string): Promise<number> {
  const result = await db.query<{ roi_term_days: number }>(
    'SELECT roi_term_days FROM agency_settings WHERE agency_id = $1::uuid AND NOT deleted',
    [agencyId],
  );
  return result.rows[0]?.roi_term_days ?? DEFAULT_ROI_TERM_DAYS;
}

/**
 * Every Release of Information on a client's record, whichever agency holds it: an ROI is the
 * client's consent, so the rule for asking for another one looks at all of them.
 */
export async function clientRois(db: Queryable, clientId: string): Promise<RoiState[]> {
  const result = await db.query<{
    start_date: string | null;
    end_date: string | null;
    active: boolean | null;
  }>(
    `SELECT data->>'startDate' AS start_date, data->>'endDate' AS end_date, (data->>'active')::boolean AS active
       FROM client_records WHERE client_id = $1::uuid AND kind = 'roi' AND NOT deleted`,
    [clientId],
  );
  return result.rows.map((row) => ({
    startDate: row.start_date ?? '',
    endDate: row.end_date ?? '',
    active: row.active ?? false,
  }));
}
