import {
  type AssessmentField,
  isOverdue,
  overdueFirst,
  type RequestStatus,
  type RequestType,
} from '../../shared/domain/requests';
import { roiTerm } from '../../shared/domain/roi-rule';
import { DEFAULT_TIME_ZONE, isValidTimeZone, todayInTimeZone } from '../../shared/domain/time-zone';
import type { Queryable } from '../db/database';
import { DEFAULT_ROI_TERM_DAYS } from '../requests/catalog-store';

/*
 * What the Customer Portal shows a client about the requests sent to them. As for conversations,
 * a client sees their own requests whether private or not.
 */

/** A request as the portal shows it, with what the client needs to fulfil it. */
export interface PortalRequest {
  id: string;
  type: RequestType;
  /** What was asked, in words: the assessment's name, "Identification: State ID", "Location"… */
  description: string;
  status: RequestStatus;
  sentAt: string;
  expiresAt: string;
  viewedAt: string | null;
  completedAt: string | null;
  /** The day it is due by (`YYYY-MM-DD`, the agency's calendar); null when it has none. */
  dueDate: string | null;
  /** Still open and past its due day, by the agency's calendar. */
  overdue: boolean;
  senderName: string;
  agencyName: string;
  /** Assessment requests: the form to fill in. */
  assessment: { id: string; name: string; description: string; fields: AssessmentField[] } | null;
  /** Document requests: what to upload. */
  document: { categoryName: string; documentName: string } | null;
  /** ROI requests: what signing it today means. */
  roi: PortalRoiTerms | null;
}

/** What the client agrees to by signing an ROI request today: the ROI shown before signing. */
export interface PortalRoiTerms {
  termDays: number;
  /** Today in the agency's time zone: the date the signature will carry. */
  signedDate: string;
  startDate: string;
  endDate: string;
  /** The agency that asks and holds the release. */
  agencyName: string;
  /** Whether the release lets the agency share beyond itself: the client's record is shared and the request is not private. */
  shared: boolean;
  /** The other agencies it may share with, by name; empty when not shared. */
  otherAgencies: string[];
}

interface PortalRequestRow {
  id: string;
  type: RequestType;
  description: string;
  status: RequestStatus;
  sent_at: string;
  expires_at: string;
  viewed_at: string | null;
  completed_at: string | null;
  due_date: string | null;
  past_expiry: boolean;
  sender_name: string;
  agency_name: string;
  assessment_id: string | null;
  assessment_name: string | null;
  assessment_description: string | null;
  assessment_fields: AssessmentField[] | null;
  category_name: string | null;
  document_name: string;
  roi_term_days: number | null;
  time_zone: string;
  roi_shared: boolean;
  other_agencies: string[] | null;
}

const PORTAL_REQUEST_SQL = `
  SELECT r.id::text AS id, r.type, r.description, r.status, r.sent_at, r.expires_at, r.viewed_at, r.completed_at,
         r.due_date, r.expires_at <= now() AS past_expiry, u.display_name AS sender_name, a.name AS agency_name,
         ad.id::text AS assessment_id, ad.name AS assessment_name, ad.description AS assessment_description,
         ad.fields AS assessment_fields, dc.name AS category_name, r.document_name, s.roi_term_days,
         a.time_zone, c.shared AND NOT r.private AS roi_shared,
         CASE WHEN r.type = 'roi' AND c.shared AND NOT r.private
              THEN ARRAY(SELECT o.name FROM agencies o WHERE o.id <> r.agency_id AND NOT o.deleted
                           AND NOT EXISTS (SELECT 1 FROM client_share_withdrawals w
                                            WHERE w.client_id = c.id AND w.agency_id = o.id AND w.until_txid IS NULL)
                          ORDER BY o.name)
         END AS other_agencies
    FROM portal_requests r
    JOIN clients c ON c.id = r.client_id
    JOIN users u ON u.id = r.sender_staff_id
    JOIN agencies a ON a.id = r.agency_id
    LEFT JOIN assessment_definitions ad ON ad.id = r.assessment_definition_id
    LEFT JOIN document_categories dc ON dc.id = r.document_category_id
    LEFT JOIN agency_settings s ON s.agency_id = r.agency_id AND NOT s.deleted
   WHERE r.client_id = $1::uuid AND NOT r.deleted`;

function toPortalRequest(row: PortalRequestRow): PortalRequest {
  // Past its expiry it is expired, even in the minute before the sweeper marks it so.
  const status =
    row.past_expiry && (row.status === 'sent' || row.status === 'viewed') ? 'expired' : row.status;
  return {
    id: row.id,
    type: row.type,
    description: row.description,
    status,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    viewedAt: row.viewed_at,
    completedAt: row.completed_at,
    dueDate: row.due_date,
    // The agency's today is worked out only for a request that has a day to be late for.
    overdue: row.due_date !== null && isOverdue({ status, dueDate: row.due_date }, agencyTodayOf(row)),
    senderName: row.sender_name,
    agencyName: row.agency_name,
    assessment:
      row.type === 'assessment' && row.assessment_id
        ? {
            id: row.assessment_id,
            name: row.assessment_name ?? '',
            description: row.assessment_description ?? '',
            fields: row.assessment_fields ?? [],
          }
        : null,
    document:
      row.type === 'document'
        ? { categoryName: row.category_name ?? '', documentName: row.document_name }
        : null,
    roi: row.type === 'roi' ? roiTerms(row) : null,
  };
}

/** Today in the request's agency's calendar. */
const agencyTodayOf = (row: PortalRequestRow): string =>
  todayInTimeZone(isValidTimeZone(row.time_zone) ? row.time_zone : DEFAULT_TIME_ZONE);

function roiTerms(row: PortalRequestRow): PortalRoiTerms {
  const termDays = row.roi_term_days ?? DEFAULT_ROI_TERM_DAYS;
  const signedDate = agencyTodayOf(row);
  return {
    termDays,
    signedDate,
    ...roiTerm(signedDate, termDays),
    agencyName: row.agency_name,
    shared: row.roi_shared,
    otherAgencies: row.other_agencies ?? [],
  };
}

/**
 * The client's open requests (sent or viewed, not past expiry): the overdue first, the longest
 * overdue at the top, then the newest first.
 */
export async function listOpenPortalRequests(db: Queryable, clientId: string): Promise<PortalRequest[]> {
  const result = await db.query<PortalRequestRow>(
    `${PORTAL_REQUEST_SQL} AND r.status IN ('sent', 'viewed') AND r.expires_at > now()
      ORDER BY r.sent_at DESC, r.id`,
    [clientId],
  );
  const requests = result.rows.map(toPortalRequest);
  return overdueFirst(requests, (request) => request.overdue);
}

/** One of the client's requests, whatever its status; undefined for anyone else's (or none). */
export async function portalRequest(
  db: Queryable,
  clientId: string,
  id: string,
): Promise<PortalRequest | undefined> {
  const result = await db.query<PortalRequestRow>(`${PORTAL_REQUEST_SQL} AND r.id = $2::uuid`, [
    clientId,
    id,
  ]);
  const row = result.rows[0];
  return row && toPortalRequest(row);
}
