import type { Queryable } from '../../server/db/database';
import type { MessageBodies } from './message-bodies';
import type { Formulas } from './sql-formulas';

/** Messages per INSERT: each is its own transaction, so progress shows and no one is huge. */
const MESSAGE_BATCH = 50_000;

/**
 * One conversation per client with its case manager, inserted already showing its last message
 * (computed by formula), so no second pass re-stamps the threads.
 */
export async function insertThreads(
  tx: Queryable,
  f: Formulas,
  agencyId: string,
  anchor: string,
  bodies: MessageBodies,
): Promise<void> {
  const last = 'gl';
  await tx.query(
    `INSERT INTO threads (id, client_id, staff_id, agency_id, private, started_by, last_message_at,
                          last_message_preview, last_sender_kind, staff_unread, client_unread, created_at)
     SELECT ${f.id('thread', 't')}, ${f.id('client', 't')}, ${f.id('staff', f.caseManager('t'))}, $1::uuid,
            ${f.threadPrivate('t')}, ${f.startedBy('t')}, ${f.sentAt(last, '$2')},
            ($3::text[])[${f.bodyIndex(last, bodies.preview.length)}], ${f.senderKind(last)},
            ${f.hash('t', 25)} % 5 = 0, false, ${f.sentAt('t', '$2')}
       FROM (SELECT t, ${f.lastMessageOf('t')} AS gl FROM generate_series(1, $4::int) t) s
      ORDER BY t`,
    [agencyId, anchor, bodies.preview, f.clients],
  );
}

/** The messages, oldest first, so their change sequence follows time as it would in use. */
export async function insertMessages(
  run: (work: (tx: Queryable) => Promise<void>) => Promise<void>,
  f: Formulas,
  agencyId: string,
  anchor: string,
  bodies: MessageBodies,
  onBatch: (done: number) => void,
): Promise<void> {
  for (let from = 1; from <= f.messages; from += MESSAGE_BATCH) {
    const to = Math.min(f.messages, from + MESSAGE_BATCH - 1);
    await run(async (tx) => {
      await tx.query(
        `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id,
                               body_html, body_text, sent_at)
         SELECT ${f.id('message', 'g')}, ${f.id('thread', 't')}, ${f.id('client', 't')}, $1::uuid,
                ${f.threadPrivate('t')}, sk,
                CASE WHEN sk = 'staff' THEN ${f.id('staff', f.caseManager('t'))} END,
                ($3::text[])[b], ($4::text[])[b], ${f.sentAt('g', '$2')}
           FROM (SELECT g, ${f.threadOf('g')} AS t, ${f.senderKind('g')} AS sk,
                        ${f.bodyIndex('g', bodies.html.length)} AS b
                   FROM generate_series($5::int, $6::int) g) s
          ORDER BY g`,
        [agencyId, anchor, bodies.html, bodies.text, from, to],
      );
    });
    onBatch(to);
  }
}
