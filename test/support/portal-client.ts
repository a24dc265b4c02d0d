import type { Queryable } from '../../server/db/database';

export const DEMO_PORTAL_PASSWORD = 'Portal#2026';

/** A demo client with a portal account whose care team includes the given staff member. */
export async function portalAccountOnCareTeamOf(
  db: Queryable,
  staffUsername: string,
): Promise<{ username: string; clientId: string; staffId: string }> {
  const result = await db.query<{ username: string; client_id: string; staff_id: string }>(
    `SELECT ca.username, ca.client_id::text AS client_id, u.id::text AS staff_id
       FROM client_accounts ca
       JOIN care_team ct ON ct.client_id = ca.client_id AND ct.end_date IS NULL AND NOT ct.deleted
       JOIN users u ON u.id = ct.staff_id
      WHERE u.username = $1 AND ca.active
      ORDER BY ca.username LIMIT 1`,
    [staffUsername],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no demo portal account on ${staffUsername}'s care team`);
  return { username: row.username, clientId: row.client_id, staffId: row.staff_id };
}

/** The client portal's API, as a client's phone calls it. */
export async function portalSignIn(serverUrl: string, username: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/portal/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PORTAL_PASSWORD }),
  });
  if (!response.ok) throw new Error(`portal sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function portalPost(
  serverUrl: string,
  token: string,
  path: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}
