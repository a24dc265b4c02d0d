import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/database';
import type { MessageDoc, ThreadDoc } from '../../shared/replication/documents';
import { type ApiResponse, expectStatus, request } from './api';

export const PORTAL_PASSWORD = 'Portal#2026';

export interface SendBody {
  message: MessageDoc;
  thread: ThreadDoc;
}

/** A staff member's send from the desktop; a new id unless one is given. */
export function sendAsStaff(
  baseUrl: string,
  token: string,
  message: { clientId: string; html: string; threadId?: string | null; id?: string },
): Promise<ApiResponse> {
  return request(baseUrl, '/api/messages', {
    method: 'POST',
    token,
    json: {
      id: message.id ?? randomUUID(),
      clientId: message.clientId,
      threadId: message.threadId ?? null,
      html: message.html,
    },
  });
}

/** Sends and expects it stored (201). */
export async function sendAsStaffOk(
  baseUrl: string,
  token: string,
  message: { clientId: string; html: string; threadId?: string | null; id?: string },
): Promise<SendBody> {
  const response = await sendAsStaff(baseUrl, token, message);
  expectStatus(response, 201);
  return response.body as SendBody;
}

/** Signs a demo client in to the Customer Portal and returns their bearer token. */
export async function portalSignIn(
  baseUrl: string,
  username: string,
  password = PORTAL_PASSWORD,
): Promise<string> {
  const response = await request(baseUrl, '/api/portal/auth/login', {
    method: 'POST',
    json: { username, password },
  });
  expectStatus(response, 200);
  return (response.body as { token: string }).token;
}

export interface StoredMessageRow {
  id: string;
  thread_id: string;
  sender_kind: string;
  body_html: string;
  body_text: string;
}

export async function storedMessages(
  db: Queryable,
  where = 'true',
  params: unknown[] = [],
): Promise<StoredMessageRow[]> {
  const result = await db.query<StoredMessageRow>(
    `SELECT id::text AS id, thread_id::text AS thread_id, sender_kind, body_html, body_text FROM messages
      WHERE ${where} ORDER BY sent_at, seq`,
    params,
  );
  return result.rows;
}

export async function threadRow(
  db: Queryable,
  id: string,
): Promise<
  { staff_unread: boolean; client_unread: boolean; last_sender_kind: string; seq: number } | undefined
> {
  const result = await db.query<{
    staff_unread: boolean;
    client_unread: boolean;
    last_sender_kind: string;
    seq: number;
  }>('SELECT staff_unread, client_unread, last_sender_kind, seq FROM threads WHERE id = $1::uuid', [id]);
  return result.rows[0];
}

/** Markup a hostile or broken sender might try; none of its active parts may survive. */
export const HOSTILE_HTML = [
  '<p>Hello <strong>there</strong></p>',
  '<script>alert("x")</script>',
  '<img src="x" onerror="alert(1)">',
  '<p><a href="javascript:alert(1)">click me</a> and <a href="https://example.org/help">help</a></p>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload="alert(1)"><script>alert(2)</script></svg>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
].join('');

/** Whatever the sanitizer keeps of HOSTILE_HTML, none of this may be in it. */
export const FORBIDDEN_MARKUP = [
  /<script/i,
  /onerror/i,
  /onload/i,
  /onclick/i,
  /javascript:/i,
  /<iframe/i,
  /<svg/i,
  /style=/i,
];
