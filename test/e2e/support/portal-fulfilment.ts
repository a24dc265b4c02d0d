import { expect } from '@playwright/test';
import type { Queryable } from '../../../server/db/database';
import { todayIsoDate } from '../../../shared/domain/dates';
import type { AssessmentField, RoiRecordData } from '../../../shared/domain/requests';
import { type RoiRequestState, roiRequestRefusal } from '../../../shared/domain/roi-rule';
import { todayInTimeZone } from '../../../shared/domain/time-zone';

/*
 * The client's side of the Customer Portal requests spec: finding suitable demo clients, and
 * fulfilling requests through the portal API as the portal's web app would.
 */

export interface PortalClient {
  username: string;
  clientId: string;
  name: string;
  lastName: string;
  firstName: string;
}

/** The portal's view of an open request, as much of it as the spec reads. */
export interface OpenRequest {
  id: string;
  type: 'assessment' | 'document' | 'location' | 'roi';
  description: string;
  senderName: string;
  assessment: { fields: AssessmentField[] } | null;
}

/** Clients on a staff member's care team, whether each has a portal account, and whether each may be sent an ROI request today (no ROI in force that blocks it, no ROI request open). */
export async function careTeamClients(
  db: Queryable,
  staff: string,
): Promise<
  (PortalClient & {
    roiAllowed: boolean;
    /** Why an ROI request would be refused: an ROI in force, or an ROI request still open. */
    roiBlockedBy: 'active_roi' | 'open_request' | null;
    portal: boolean;
  })[]
> {
  const clients = await db.query<{
    id: string;
    first_name: string;
    last_name: string;
    username: string | null;
  }>(
    `SELECT c.id::text AS id, c.first_name, c.last_name, ca.username
       FROM clients c
       JOIN care_team ct ON ct.client_id = c.id AND ct.end_date IS NULL AND NOT ct.deleted
       JOIN users u ON u.id = ct.staff_id AND u.username = $1
       LEFT JOIN client_accounts ca ON ca.client_id = c.id AND ca.active
      ORDER BY c.last_name, c.first_name`,
    [staff],
  );
  const rois = await db.query<{ client_id: string; data: RoiRecordData }>(
    `SELECT client_id::text AS client_id, data FROM client_records WHERE kind = 'roi' AND NOT deleted`,
  );
  const requests = await db.query<RoiRequestState & { clientId: string }>(
    `SELECT client_id::text AS "clientId", status, sent_at AS "sentAt", expires_at AS "expiresAt"
       FROM portal_requests WHERE type = 'roi' AND NOT deleted`,
  );
  // The demo's care teams are Harbor Light's, whose calendar is Los Angeles's.
  const today = todayInTimeZone('America/Los_Angeles');
  const now = new Date();
  return clients.rows.map((row) => {
    const refusal = roiRequestRefusal(
      rois.rows.filter((roi) => roi.client_id === row.id).map((roi) => roi.data),
      requests.rows.filter((request) => request.clientId === row.id),
      today,
      now,
    );
    return {
      username: row.username ?? '',
      clientId: row.id,
      name: `${row.first_name} ${row.last_name}`,
      firstName: row.first_name,
      lastName: row.last_name,
      portal: row.username !== null,
      roiAllowed: refusal === null,
      roiBlockedBy: refusal?.reason ?? null,
    };
  });
}

export async function listOpenRequests(serverUrl: string, token: string): Promise<OpenRequest[]> {
  const response = await fetch(`${serverUrl}/api/portal/requests`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { requests: OpenRequest[] }).requests;
}

/** What the client answers with: a location, and the base name of the files it uploads. */
export interface Fulfilment {
  address: string;
  fileBase: string;
}

/** An answer for every field of an assessment, of the field's type. */
export function answersFor(fields: AssessmentField[]): Record<string, string | number | boolean> {
  const answers: Record<string, string | number | boolean> = {};
  for (const field of fields) {
    if (field.type === 'select') answers[field.key] = field.options[1] ?? field.options[0] ?? '';
    else if (field.type === 'number') answers[field.key] = 2;
    else if (field.type === 'checkbox') answers[field.key] = true;
    else if (field.type === 'date') answers[field.key] = todayIsoDate();
    else answers[field.key] = field.type === 'textarea' ? 'Close to the bus line, please.' : 'Afternoons';
  }
  return answers;
}

/** The client fulfils one request through the portal API, as the portal's web app would. */
export async function fulfil(
  serverUrl: string,
  token: string,
  request: OpenRequest,
  client: PortalClient,
  answer: Fulfilment,
): Promise<void> {
  const base = `${serverUrl}/api/portal/requests/${request.id}`;
  const headers = { authorization: `Bearer ${token}`, 'x-portico-portal': '1' };
  let response: Response;
  if (request.type === 'document') {
    const form = new FormData();
    const name = answer.fileBase;
    form.append(
      'files',
      new Blob([`%PDF-1.4\n% ${name} for ${client.name}\n`], { type: 'application/pdf' }),
      `${name}.pdf`,
    );
    form.append('files', new Blob(['back of the card'], { type: 'image/jpeg' }), `${name}-back.jpg`);
    response = await fetch(`${base}/documents`, { method: 'POST', headers, body: form });
  } else {
    const body =
      request.type === 'assessment'
        ? { assessmentDate: todayIsoDate(), answers: answersFor(request.assessment?.fields ?? []) }
        : request.type === 'location'
          ? { address: answer.address, latitude: 47.60621, longitude: -122.33207, accuracy: 25 }
          : { signedName: client.name };
    response = await fetch(`${base}/${request.type}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  expect(response.status, `${request.description}: ${await response.clone().text()}`).toBe(201);
}
