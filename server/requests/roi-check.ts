import type { RequestStatus } from '../../shared/domain/requests';
import { openRoiRequestText, roiRequestRefusal } from '../../shared/domain/roi-rule';
import { formatDayInTimeZone, todayInTimeZone } from '../../shared/domain/time-zone';
import { PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { type Viewer, viewerParams } from '../authz/viewer';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import { agencyTimeZone } from './agency-calendar';
import { clientRois } from './catalog-store';

/*
 * The one-active-ROI rule when staff send an ROI request (shared/domain/roi-rule.ts decides).
 * Callers hold the client's row lock (db/client-lock.ts), which every writer of ROI requests and
 * records for the client takes first, so what this reads cannot change before their insert
 * commits: two senders racing end with one request.
 */

interface OpenRoiRequestRow {
  status: RequestStatus;
  sentAt: string;
  expiresAt: string;
  senderName: string;
  agencyName: string;
  sentByViewer: boolean;
  /** Whether the viewer may see it: not private, or private to the viewer's agency (or a system admin). */
  visible: boolean;
}

/** The client's ROI requests the client may still sign, from every agency, with what the viewer may know of each. */
async function openRoiRequests(
  db: Queryable,
  viewer: Viewer,
  clientId: string,
): Promise<OpenRoiRequestRow[]> {
  const result = await db.query<OpenRoiRequestRow>(
    `SELECT r.status, r.sent_at AS "sentAt", r.expires_at AS "expiresAt", u.display_name AS "senderName",
            a.name AS "agencyName", r.sender_staff_id = $1::uuid AS "sentByViewer",
            (NOT r.private OR r.agency_id = $2::uuid OR $3::boolean) AS visible
       FROM portal_requests r
       JOIN users u ON u.id = r.sender_staff_id
       JOIN agencies a ON a.id = r.agency_id
      WHERE r.client_id = $4::uuid AND r.type = 'roi' AND NOT r.deleted AND r.status IN ('sent', 'viewed')`,
    [...viewerParams(viewer), clientId],
  );
  return result.rows;
}

/**
 * Refuses a new ROI request to the client with 409: `active_roi` (the product's pop-up text) when
 * an ROI in force blocks it, `roi_request_open` naming the open request (sender, agency, day) when
 * one is open, and only that one is open when the viewer may not see it.
 */
export async function ensureRoiRequestAllowed(
  tx: Queryable,
  viewer: Viewer,
  clientId: string,
  now: Date = new Date(),
): Promise<void> {
  const timeZone = await agencyTimeZone(tx, viewer.agencyId);
  const refusal = roiRequestRefusal(
    await clientRois(tx, clientId),
    await openRoiRequests(tx, viewer, clientId),
    todayInTimeZone(timeZone, now),
    now,
  );
  if (!refusal) return;
  if (refusal.reason === 'active_roi') throw new HttpError(409, 'active_roi', PRODUCT_TEXTS.activeRoiExists);
  const open = refusal.request;
  throw new HttpError(
    409,
    'roi_request_open',
    openRoiRequestText(
      open.visible
        ? {
            senderName: open.senderName,
            agencyName: open.agencyName,
            sentOn: formatDayInTimeZone(open.sentAt, timeZone),
            sentByViewer: open.sentByViewer,
          }
        : null,
    ),
  );
}
