import { randomUUID } from 'node:crypto';
import { nameSearchKey } from '../../shared/domain/names';
import type { Queryable } from '../db/database';
import { previewOf } from '../messaging/preview';
import { DEMO_CONVERSATIONS, DEMO_PORTAL_CLIENTS, FIRST_NAMES } from './demo-data';

export interface DemoMessagingContext {
  /** Demo client ids in seed order. */
  clientIds: readonly string[];
  staffIds: ReadonlyMap<string, string>;
  /** Staff username → agency id. */
  staffAgencies: ReadonlyMap<string, string>;
  portalPasswordHash: string;
  now: Date;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: no ${what}`);
  return value;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Portal accounts for a few demo clients, and conversations with their care team. */
export async function seedDemoMessaging(tx: Queryable, context: DemoMessagingContext): Promise<number> {
  for (const index of DEMO_PORTAL_CLIENTS) {
    const firstName = required(FIRST_NAMES[index % FIRST_NAMES.length], `first name ${index}`);
    await tx.query(
      'INSERT INTO client_accounts (client_id, username, password_hash) VALUES ($1::uuid, $2, $3)',
      [
        required(context.clientIds[index], `client ${index}`),
        nameSearchKey(firstName),
        context.portalPasswordHash,
      ],
    );
  }
  const at = (minutesAgo: number) => new Date(context.now.getTime() - minutesAgo * 60_000).toISOString();
  for (const conversation of DEMO_CONVERSATIONS) {
    const clientId = required(context.clientIds[conversation.client], `client ${conversation.client}`);
    const staffId = required(context.staffIds.get(conversation.staff), conversation.staff);
    const agencyId = required(
      context.staffAgencies.get(conversation.staff),
      `${conversation.staff}'s agency`,
    );
    const last = required(conversation.messages.at(-1), 'message');
    const lastText = last.paragraphs.join('\n');
    const threadId = randomUUID();
    await tx.query(
      `INSERT INTO threads (id, client_id, staff_id, agency_id, private, started_by, last_message_at,
                            last_message_preview, last_sender_kind, staff_unread, client_unread, created_at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7::timestamptz, $8, $9, $10, $11, $12::timestamptz)`,
      [
        threadId,
        clientId,
        staffId,
        agencyId,
        conversation.private ?? false,
        conversation.startedBy,
        at(last.minutesAgo),
        previewOf(lastText),
        last.from,
        last.from === 'client' && !conversation.staffRead,
        last.from === 'staff',
        at(required(conversation.messages[0], 'first message').minutesAgo),
      ],
    );
    for (const message of conversation.messages) {
      await tx.query(
        `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id,
                               body_html, body_text, sent_at, delivered_at)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7::uuid, $8, $9, $10::timestamptz, $10::timestamptz)`,
        [
          randomUUID(),
          threadId,
          clientId,
          agencyId,
          conversation.private ?? false,
          message.from,
          message.from === 'staff' ? staffId : null,
          message.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join(''),
          message.paragraphs.join('\n'),
          at(message.minutesAgo),
        ],
      );
    }
  }
  return DEMO_CONVERSATIONS.length;
}
