import { ROI_RENEWAL_WINDOW_DAYS } from '../../shared/domain/roi-rule';

/**
 * shared/domain/roi-rule.ts' canRequestRoi in SQL, so a batch decides for hundreds of clients in
 * one statement instead of loading each client's ROIs. True when an ROI request must be refused:
 * the client has an ROI in force today (active, valid dates, started, not ended) that ends more
 * than the renewal window after today. Like clientRois (server/requests/catalog-store.ts), it looks
 * at every ROI on the record, whichever agency holds it. `active` is RoiRecordData's boolean.
 * test/integration/server/mass-send-roi-rule.test.ts checks it against canRequestRoi itself.
 *
 * `clientId` is an SQL expression for the client's id, `today` one for today's date (a date);
 * ending after today + window implies not ended, so the end date needs one comparison.
 */
export function roiBlocksRequestSql(clientId: string, today: string): string {
  return `EXISTS (
    SELECT 1 FROM client_records roi
     WHERE roi.client_id = ${clientId} AND roi.kind = 'roi' AND NOT roi.deleted
       AND roi.data->'active' = 'true'::jsonb
       AND portico_iso_date(roi.data->>'startDate') <= ${today}
       AND portico_iso_date(roi.data->>'endDate') > ${today} + ${ROI_RENEWAL_WINDOW_DAYS})`;
}

/**
 * The rule's other half (roiRequestRefusal in shared/domain/roi-rule.ts) in SQL: true when the
 * client already has an ROI request they may still sign (sent or viewed, not past its expiry),
 * from any staff member of any agency.
 */
export function openRoiRequestSql(clientId: string): string {
  return `EXISTS (
    SELECT 1 FROM portal_requests open_roi
     WHERE open_roi.client_id = ${clientId} AND open_roi.type = 'roi' AND NOT open_roi.deleted
       AND open_roi.status IN ('sent', 'viewed') AND open_roi.expires_at > now())`;
}
