import type { SenderKind } from '../../shared/replication/documents';
import { careTeamActiveSql } from '../authz/viewer';
import type { Queryable } from '../db/database';

/*
 * What the Customer Portal shows a client. A client sees every conversation of their own, private
 * or not: privacy keeps an item from other agencies' staff, never from the person it is about.
 */

/**
 * Whether client `$clientParam` may start a conversation with (or keep writing in a conversation
 * they started with) staff member `alias` of `users`: the staff member is on their care team today,
 * is active and allows client-initiated contact.
 */
export function clientMayInitiateSql(alias: string, clientParam: string): string {
  return `(${alias}.active AND NOT ${alias}.deleted AND ${alias}.allow_client_contact AND EXISTS (
    SELECT 1 FROM care_team ict WHERE ict.client_id = ${clientParam}::uuid AND ict.staff_id = ${alias}.id
       AND ${careTeamActiveSql('ict')}))`;
}

/**
 * Whether the client may write in thread `t` with staff member `u`: always in a conversation the
 * staff member started (while they are active); in one the client started, only while the client
 * could start it again.
 */
export function clientMayReplySql(clientParam: string): string {
  return `CASE WHEN t.started_by = 'staff' THEN u.active AND NOT u.deleted ELSE ${clientMayInitiateSql('u', clientParam)} END`;
}

export interface PortalThread {
  id: string;
  staffId: string;
  staffName: string;
  staffTitle: string;
  startedBy: SenderKind;
  lastMessageAt: string;
  lastSenderKind: SenderKind;
  preview: string;
  /** A message from staff the client has not opened yet. */
  unread: boolean;
  /** Whether the client may write here now (see clientMayReplySql). */
  canReply: boolean;
}

interface PortalThreadRow {
  id: string;
  staff_id: string;
  staff_name: string;
  staff_title: string;
  started_by: SenderKind;
  last_message_at: string;
  last_sender_kind: SenderKind;
  last_message_preview: string;
  client_unread: boolean;
  can_reply: boolean;
}

const toPortalThread = (row: PortalThreadRow): PortalThread => ({
  id: row.id,
  staffId: row.staff_id,
  staffName: row.staff_name,
  staffTitle: row.staff_title,
  startedBy: row.started_by,
  lastMessageAt: row.last_message_at,
  lastSenderKind: row.last_sender_kind,
  preview: row.last_message_preview,
  unread: row.client_unread,
  canReply: row.can_reply,
});

const PORTAL_THREAD_SQL = `
  SELECT t.id::text AS id, t.staff_id::text AS staff_id, u.display_name AS staff_name, u.title AS staff_title,
         t.started_by, t.last_message_at, t.last_sender_kind, t.last_message_preview, t.client_unread,
         ${clientMayReplySql('$1')} AS can_reply
    FROM threads t JOIN users u ON u.id = t.staff_id
   WHERE t.client_id = $1::uuid AND NOT t.deleted`;

/** The client's conversations, the latest first. */
export async function listPortalThreads(db: Queryable, clientId: string): Promise<PortalThread[]> {
  const result = await db.query<PortalThreadRow>(
    `${PORTAL_THREAD_SQL} ORDER BY t.last_message_at DESC, t.id`,
    [clientId],
  );
  return result.rows.map(toPortalThread);
}

/** One of the client's conversations; undefined for anyone else's (or none). */
export async function portalThread(
  db: Queryable,
  clientId: string,
  threadId: string,
): Promise<PortalThread | undefined> {
  const result = await db.query<PortalThreadRow>(`${PORTAL_THREAD_SQL} AND t.id = $2::uuid`, [
    clientId,
    threadId,
  ]);
  const row = result.rows[0];
  return row && toPortalThread(row);
}

export interface PortalMessage {
  id: string;
  threadId: string;
  senderKind: SenderKind;
  senderName: string;
  sentAt: string;
  /** Sanitized when it was received. */
  bodyHtml: string;
}

interface PortalMessageRow {
  id: string;
  thread_id: string;
  sender_kind: SenderKind;
  sender_name: string;
  sent_at: string;
  body_html: string;
}

const PORTAL_MESSAGE_SQL = `
  SELECT m.id::text AS id, m.thread_id::text AS thread_id, m.sender_kind,
         coalesce(u.display_name, c.first_name || ' ' || c.last_name) AS sender_name, m.sent_at, m.body_html
    FROM messages m JOIN clients c ON c.id = m.client_id LEFT JOIN users u ON u.id = m.sender_staff_id
   WHERE m.client_id = $1::uuid AND NOT m.deleted`;

const toPortalMessage = (row: PortalMessageRow): PortalMessage => ({
  id: row.id,
  threadId: row.thread_id,
  senderKind: row.sender_kind,
  senderName: row.sender_name,
  sentAt: row.sent_at,
  bodyHtml: row.body_html,
});

/** A conversation's messages, the oldest first. */
export async function portalMessages(
  db: Queryable,
  clientId: string,
  threadId: string,
): Promise<PortalMessage[]> {
  const result = await db.query<PortalMessageRow>(
    `${PORTAL_MESSAGE_SQL} AND m.thread_id = $2::uuid ORDER BY m.sent_at, m.seq`,
    [clientId, threadId],
  );
  return result.rows.map(toPortalMessage);
}

export async function portalMessage(
  db: Queryable,
  clientId: string,
  id: string,
): Promise<PortalMessage | undefined> {
  const result = await db.query<PortalMessageRow>(`${PORTAL_MESSAGE_SQL} AND m.id = $2::uuid`, [
    clientId,
    id,
  ]);
  const row = result.rows[0];
  return row && toPortalMessage(row);
}

export interface PortalContact {
  staffId: string;
  name: string;
  title: string;
  agencyName: string;
  /** Their role on the care team ("Case manager"). */
  careTeamRole: string;
  /** Allow Client Initiated Contact: the client may write to them. */
  acceptsMessages: boolean;
}

/** The client's care team in force today, as far as its members show in the portal. */
export async function portalContacts(db: Queryable, clientId: string): Promise<PortalContact[]> {
  const result = await db.query<{
    staff_id: string;
    name: string;
    title: string;
    agency_name: string;
    label: string;
    accepts: boolean;
  }>(
    `SELECT DISTINCT ON (u.display_name, u.id) u.id::text AS staff_id, u.display_name AS name, u.title,
            a.name AS agency_name, ct.label, u.allow_client_contact AS accepts
       FROM care_team ct JOIN users u ON u.id = ct.staff_id JOIN agencies a ON a.id = u.agency_id
      WHERE ct.client_id = $1::uuid AND ${careTeamActiveSql('ct')} AND u.active AND NOT u.deleted
        AND u.display_in_portal
      ORDER BY u.display_name, u.id, ct.start_date`,
    [clientId],
  );
  return result.rows.map((row) => ({
    staffId: row.staff_id,
    name: row.name,
    title: row.title,
    agencyName: row.agency_name,
    careTeamRole: row.label,
    acceptsMessages: row.accepts,
  }));
}
