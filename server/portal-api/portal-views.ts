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

/** Messages a conversation opens with, and each "earlier" page: a phone never loads years at once. */
export const PORTAL_MESSAGE_PAGE = 50;

/**
 * A page of a conversation's messages, the oldest first: the latest PORTAL_MESSAGE_PAGE, or those
 * just before message `before` (an id of this conversation). `earlier` says whether older ones
 * remain. Reads one page by the (thread_id, sent_at) index however long the conversation is.
 */
export async function portalMessagePage(
  db: Queryable,
  clientId: string,
  threadId: string,
  before: string | null,
): Promise<{ messages: PortalMessage[]; earlier: boolean }> {
  const result = await db.query<PortalMessageRow>(
    `${PORTAL_MESSAGE_SQL} AND m.thread_id = $2::uuid
        AND ($3::uuid IS NULL OR (m.sent_at, m.seq) < (SELECT b.sent_at, b.seq FROM messages b
                                                        WHERE b.id = $3::uuid AND b.thread_id = $2::uuid))
      ORDER BY m.sent_at DESC, m.seq DESC LIMIT $4::int + 1`,
    [clientId, threadId, before, PORTAL_MESSAGE_PAGE],
  );
  const rows = result.rows.slice(0, PORTAL_MESSAGE_PAGE).reverse();
  return { messages: rows.map(toPortalMessage), earlier: result.rows.length > PORTAL_MESSAGE_PAGE };
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

/**
 * A message of the client's with its conversation, in one statement: what a send answers.
 * Undefined when either is not the client's.
 */
export async function portalMessageWithThread(
  db: Queryable,
  clientId: string,
  id: string,
): Promise<{ message: PortalMessage; thread: PortalThread } | undefined> {
  const result = await db.query<
    PortalMessageRow & { [K in keyof PortalThreadRow as `t_${K}`]: PortalThreadRow[K] }
  >(
    `SELECT pm.*, pt.id AS t_id, pt.staff_id AS t_staff_id, pt.staff_name AS t_staff_name,
            pt.staff_title AS t_staff_title, pt.started_by AS t_started_by, pt.last_message_at AS t_last_message_at,
            pt.last_sender_kind AS t_last_sender_kind, pt.last_message_preview AS t_last_message_preview,
            pt.client_unread AS t_client_unread, pt.can_reply AS t_can_reply
       FROM (${PORTAL_MESSAGE_SQL} AND m.id = $2::uuid) pm
       JOIN (${PORTAL_THREAD_SQL}) pt ON pt.id = pm.thread_id`,
    [clientId, id],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    message: toPortalMessage(row),
    thread: toPortalThread({
      id: row.t_id,
      staff_id: row.t_staff_id,
      staff_name: row.t_staff_name,
      staff_title: row.t_staff_title,
      started_by: row.t_started_by,
      last_message_at: row.t_last_message_at,
      last_sender_kind: row.t_last_sender_kind,
      last_message_preview: row.t_last_message_preview,
      client_unread: row.t_client_unread,
      can_reply: row.t_can_reply,
    }),
  };
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
