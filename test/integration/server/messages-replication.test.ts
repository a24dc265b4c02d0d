import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { type Doc, editClient, pullAll, push } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import {
  CLIENT_INDEXES,
  clientAgency,
  clientShared,
  type DemoAgency,
  demoClientIds,
  idAt,
  JORDAN_ACTIVE_CARE_TEAM,
  userId,
} from '../../support/demo-world';
import { expectClearSentence } from '../../support/expect-error';
import { sendAsStaffOk } from '../../support/messaging';
import { SseReader } from '../../support/sse-reader';
import { streamedDocs, waitForDoc } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

type Staff = 'casey' | 'priya' | 'alex' | 'jordan' | 'taylor' | 'sam';
const STAFF: Staff[] = ['casey', 'priya', 'alex', 'jordan', 'taylor', 'sam'];
const AGENCY: Record<Staff, DemoAgency> = {
  casey: 'harbor',
  priya: 'harbor',
  alex: 'harbor',
  jordan: 'northside',
  taylor: 'northside',
  sam: 'harbor',
};

interface PortalItem {
  id: string;
  clientIndex: number;
  agency: DemoAgency;
  private: boolean;
}

/**
 * The visibility rule restated independently of the server's SQL: a conversation is seen by whoever
 * sees its client (own agency, shared, jordan on client 3's team, system admin), and a private one
 * only within its agency (and by system admins).
 */
function maySee(who: Staff, item: PortalItem): boolean {
  if (who === 'sam') return true;
  const seesClient =
    clientAgency(item.clientIndex) === AGENCY[who] ||
    clientShared(item.clientIndex) ||
    (who === 'jordan' && item.clientIndex === JORDAN_ACTIVE_CARE_TEAM);
  return seesClient && (!item.private || item.agency === AGENCY[who]);
}

const REDACTED_THREAD = {
  clientId: '',
  staffId: '',
  agencyId: '',
  private: false,
  lastMessageAt: '',
  lastMessagePreview: '',
  _deleted: true,
};
const REDACTED_MESSAGE = {
  threadId: '',
  clientId: '',
  agencyId: '',
  bodyHtml: '',
  bodyText: '',
  _deleted: true,
};

describe('threads and messages on desktops', () => {
  let ts: TestServer;
  let ids: string[];
  const tokens = new Map<Staff, string>();
  const streams: SseReader[] = [];
  const token = (who: Staff) => tokens.get(who) ?? '';

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    for (const who of STAFF) tokens.set(who, await signIn(ts.url, who));
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => ts.close());

  const listen = async (who: Staff): Promise<SseReader> => {
    const reader = await SseReader.open(`${ts.url}/api/replication/stream`, token(who));
    streams.push(reader);
    await reader.waitFor(() => true);
    return reader;
  };

  /** Every thread (or message) with what the rule needs, read straight from the database. */
  const allItems = async (table: 'threads' | 'messages'): Promise<PortalItem[]> => {
    const result = await ts.server.db.query<{
      id: string;
      client_id: string;
      agency: string;
      private: boolean;
    }>(
      `SELECT x.id::text AS id, x.client_id::text AS client_id, a.name AS agency, x.private
         FROM ${table} x JOIN agencies a ON a.id = x.agency_id`,
    );
    return result.rows.map((row) => ({
      id: row.id,
      clientIndex: CLIENT_INDEXES.find((index) => ids[index] === row.client_id) ?? -1,
      agency: row.agency === 'Harbor Light Outreach' ? 'harbor' : 'northside',
      private: row.private,
    }));
  };

  const threadsOfClient = async (clientId: string): Promise<string[]> => {
    const result = await ts.server.db.query<{ id: string }>(
      'SELECT id::text AS id FROM threads WHERE client_id = $1::uuid',
      [clientId],
    );
    return result.rows.map((row) => row.id);
  };
  const messagesOfClient = async (clientId: string): Promise<string[]> => {
    const result = await ts.server.db.query<{ id: string }>(
      'SELECT id::text AS id FROM messages WHERE client_id = $1::uuid',
      [clientId],
    );
    return result.rows.map((row) => row.id);
  };

  /** A private conversation of `who` with a demo client, written straight to the database (no API makes one yet). */
  const insertPrivateThread = async (who: Staff, clientIndex: number): Promise<{ threadId: string }> => {
    const result = await ts.server.db.query<{ id: string }>(
      `INSERT INTO threads (client_id, staff_id, agency_id, private, started_by, last_message_preview, last_sender_kind)
       SELECT $1::uuid, u.id, u.agency_id, true, 'staff', 'Private note', 'staff' FROM users u WHERE u.id = $2::uuid
       RETURNING id::text AS id`,
      [idAt(ids, clientIndex), await userId(ts.server.db, who)],
    );
    return { threadId: result.rows[0]?.id ?? '' };
  };

  /** Priya's private Harbor conversation with client 6 (shared), with one message. */
  const insertPrivateConversation = async () => {
    const { threadId } = await insertPrivateThread('priya', 6);
    const messageId = randomUUID();
    await ts.server.db.query(
      `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id, body_html,
                             body_text)
       SELECT $1::uuid, t.id, t.client_id, t.agency_id, true, 'staff', t.staff_id, '<p>Private note</p>', 'Private note'
         FROM threads t WHERE t.id = $2::uuid`,
      [messageId, threadId],
    );
    return { threadId, messageId, clientId: idAt(ids, 6) };
  };

  it('gives each staff member exactly the conversations and messages the sharing rules allow', async () => {
    const inserted = await insertPrivateConversation();
    const threads = await allItems('threads');
    const messages = await allItems('messages');
    // The seed's private Northside thread and the one above, so both sides of the rule are tried.
    expect(
      threads
        .filter((thread) => thread.private)
        .map((thread) => thread.agency)
        .sort(),
    ).toEqual(['harbor', 'northside']);
    for (const who of STAFF) {
      // Small pages, so paging is part of what is checked.
      const pulledThreads = await pullAll(ts.url, token(who), 'threads', { limit: 4 });
      const pulledMessages = await pullAll(ts.url, token(who), 'messages', { limit: 7 });
      const expectedThreads = threads.filter((item) => maySee(who, item)).map((item) => item.id);
      const expectedMessages = messages.filter((item) => maySee(who, item)).map((item) => item.id);
      expect(expectedThreads.length, who).toBeGreaterThan(0);
      expect(pulledThreads.documents.map((doc) => doc.id).sort(), who).toEqual(expectedThreads.sort());
      expect(pulledMessages.documents.map((doc) => doc.id).sort(), who).toEqual(expectedMessages.sort());
      expect(pulledThreads.documents.every((doc) => !doc._deleted && doc.clientId !== '')).toBe(true);
    }
    // The private Harbor conversation: never for Northside, whatever it can see of the client.
    for (const who of ['jordan', 'taylor'] as const) {
      const everything = JSON.stringify(await pullAll(ts.url, token(who), 'messages'));
      expect(everything).not.toContain(inserted.messageId);
      expect(everything).not.toContain('Private note');
    }
    const caseyThreads = await pullAll(ts.url, token('casey'), 'threads');
    expect(caseyThreads.documents.find((doc) => doc.id === inserted.threadId)).toMatchObject({
      private: true,
      clientId: inserted.clientId,
    });
  });

  it('sends redacted removals to desktops that lose sight of a client, and nothing to new desktops', async () => {
    // Client 0 (Marcus) is Harbor's and shared; jordan has his conversations with casey and alex.
    const clientId = idAt(ids, 0);
    const threadIds = await threadsOfClient(clientId);
    const messageIds = await messagesOfClient(clientId);
    expect(threadIds.length).toBeGreaterThanOrEqual(2);
    const jordanThreads = await pullAll(ts.url, token('jordan'), 'threads');
    const jordanMessages = await pullAll(ts.url, token('jordan'), 'messages');
    expect(jordanThreads.documents.filter((doc) => threadIds.includes(doc.id))).toHaveLength(
      threadIds.length,
    );

    const base = (await pullAll(ts.url, token('casey'), 'clients')).documents.find(
      (doc) => doc.id === clientId,
    );
    if (!base) throw new Error('casey does not have her own client');
    expect((await editClient(ts.url, token('casey'), base, { shared: false })).refusals).toEqual([]);

    const nextThreads = await pullAll(ts.url, token('jordan'), 'threads', { from: jordanThreads.checkpoint });
    const removedThreads = nextThreads.documents.filter((doc) => threadIds.includes(doc.id));
    expect(removedThreads.map((doc) => doc.id).sort()).toEqual([...threadIds].sort());
    for (const doc of removedThreads) expect(doc).toMatchObject(REDACTED_THREAD);
    const nextMessages = await pullAll(ts.url, token('jordan'), 'messages', {
      from: jordanMessages.checkpoint,
    });
    const removedMessages = nextMessages.documents.filter((doc) => messageIds.includes(doc.id));
    expect(removedMessages.map((doc) => doc.id).sort()).toEqual([...messageIds].sort());
    for (const doc of removedMessages) expect(doc).toMatchObject(REDACTED_MESSAGE);
    expect(JSON.stringify(nextMessages)).not.toContain('housing application');

    // A desktop starting from nothing learns nothing about them, not even their ids.
    for (const who of ['jordan', 'taylor'] as const) {
      const fresh = JSON.stringify([
        await pullAll(ts.url, token(who), 'threads', { limit: 1000 }),
        await pullAll(ts.url, token(who), 'messages', { limit: 1000 }),
      ]);
      for (const id of [...threadIds, ...messageIds]) expect(fresh).not.toContain(id);
    }
    // Harbor still has them whole.
    const caseyThreads = await pullAll(ts.url, token('casey'), 'threads');
    expect(caseyThreads.documents.filter((doc) => threadIds.includes(doc.id) && !doc._deleted)).toHaveLength(
      threadIds.length,
    );
  });

  it('removes a staff member’s own conversation when their care-team membership ends', async () => {
    // Jordan's private conversation with client 3, seen through his care-team membership only.
    const clientId = idAt(ids, JORDAN_ACTIVE_CARE_TEAM);
    const threadIds = await threadsOfClient(clientId);
    const before = await pullAll(ts.url, token('jordan'), 'threads');
    expect(before.documents.filter((doc) => threadIds.includes(doc.id)).length).toBe(threadIds.length);

    await ts.server.db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [clientId, await userId(ts.server.db, 'jordan')],
    );
    expect(await sweepCareTeamTransitions(ts.server.db)).toBe(1);

    const next = await pullAll(ts.url, token('jordan'), 'threads', { from: before.checkpoint });
    const removed = next.documents.filter((doc) => threadIds.includes(doc.id));
    expect(removed.map((doc) => doc.id).sort()).toEqual([...threadIds].sort());
    for (const doc of removed) expect(doc).toMatchObject(REDACTED_THREAD);
  });

  describe('pushing a thread', () => {
    /** Casey's conversation with client 2 (José), as her desktop has it. */
    const caseysThread = async (): Promise<Doc<'threads'>> => {
      const caseyId = await userId(ts.server.db, 'casey');
      const { documents } = await pullAll(ts.url, token('casey'), 'threads');
      const doc = documents.find(
        (candidate) => candidate.clientId === idAt(ids, 2) && candidate.staffId === caseyId,
      );
      if (!doc) throw new Error('casey has no conversation with client 2');
      return doc;
    };
    const pushThread = (
      who: Staff,
      base: Doc<'threads'>,
      changes: Partial<Record<keyof Doc<'threads'>, unknown>>,
    ) =>
      push(ts.url, token(who), 'threads', [
        { assumedMasterState: base, newDocumentState: { ...base, ...changes } as Doc<'threads'> },
      ]);

    /** Refused: one refusal with a clear message, the current copy back, and nothing written. */
    const expectRefused = async (
      who: Staff,
      base: Doc<'threads'>,
      changes: Partial<Record<keyof Doc<'threads'>, unknown>>,
    ): Promise<string> => {
      const before = await snapshotDatabase(ts.server.db);
      const outcome = await pushThread(who, base, changes);
      expect(outcome.refusals).toHaveLength(1);
      expect(outcome.conflicts).toEqual([base]);
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
      const message = outcome.refusals[0]?.message ?? '';
      expectClearSentence(message);
      return message;
    };

    it('lets the thread’s own staff member mark it unread and read', async () => {
      const base = await caseysThread();
      const jordanBefore = await pullAll(ts.url, token('jordan'), 'threads');
      expect(await pushThread('casey', base, { staffUnread: !base.staffUnread })).toEqual({
        conflicts: [],
        refusals: [],
      });
      const marked = await caseysThread();
      expect(marked.staffUnread).toBe(!base.staffUnread);
      expect(marked.serverSeq).toBeGreaterThan(base.serverSeq);
      expect(await pushThread('casey', marked, { staffUnread: base.staffUnread })).toEqual({
        conflicts: [],
        refusals: [],
      });
      expect((await caseysThread()).staffUnread).toBe(base.staffUnread);
      // Other desktops that see the thread receive the change like any other.
      const jordanNext = await pullAll(ts.url, token('jordan'), 'threads', { from: jordanBefore.checkpoint });
      expect(jordanNext.documents.find((doc) => doc.id === base.id)?.staffUnread).toBe(base.staffUnread);
    });

    it('refuses the mark from anyone else who sees the thread', async () => {
      const base = await caseysThread();
      expect(await expectRefused('alex', base, { staffUnread: !base.staffUnread })).toBe(
        'Only the staff member in this conversation can mark it read or unread.',
      );
      const jordansCopy = (await pullAll(ts.url, token('jordan'), 'threads')).documents.find(
        (doc) => doc.id === base.id,
      );
      if (!jordansCopy) throw new Error('jordan does not see the shared client’s thread');
      await expectRefused('jordan', jordansCopy, { staffUnread: !base.staffUnread });
    });

    it('refuses every other change, even from its staff member', async () => {
      const base = await caseysThread();
      expect(await expectRefused('casey', base, { lastMessagePreview: 'Edited' })).toBe(
        'Only the read or unread mark of a conversation can be changed from the desktop.',
      );
      await expectRefused('casey', base, { private: true });
      await expectRefused('casey', base, { staffId: await userId(ts.server.db, 'priya') });
      await expectRefused('casey', base, { _deleted: true });
      await expectRefused('casey', base, { staffUnread: 'yes' });
    });

    it('answers a push of an outdated version with the current copy', async () => {
      const stale = await caseysThread();
      expect((await pushThread('casey', stale, { staffUnread: !stale.staffUnread })).refusals).toEqual([]);
      const current = await caseysThread();
      const before = await snapshotDatabase(ts.server.db);
      expect(await pushThread('casey', stale, { staffUnread: !stale.staffUnread })).toEqual({
        conflicts: [current],
        refusals: [],
      });
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    });

    it('tells someone who may not see the thread nothing about it', async () => {
      // Client 19 is Harbor's and not shared: taylor (Northside) may not see priya's conversation.
      const thread = (
        await sendAsStaffOk(ts.url, token('priya'), { clientId: idAt(ids, 19), html: '<p>Hi</p>' })
      ).thread;
      const outcome = await push(ts.url, token('taylor'), 'threads', [
        { newDocumentState: { ...thread, staffUnread: true, _deleted: false } },
      ]);
      expect(outcome.refusals).toEqual([
        { id: thread.id, message: 'This conversation is not available to you.' },
      ]);
      expect(outcome.conflicts).toHaveLength(1);
      expect(outcome.conflicts[0]).toMatchObject({ id: thread.id, ...REDACTED_THREAD });
    });

    it('refuses any change to a message', async () => {
      const { documents } = await pullAll(ts.url, token('casey'), 'messages');
      const message = documents.find((doc) => doc.senderKind === 'staff' && !doc._deleted);
      if (!message) throw new Error('casey sees no message');
      const before = await snapshotDatabase(ts.server.db);
      const outcome = await push(ts.url, token('casey'), 'messages', [
        { assumedMasterState: message, newDocumentState: { ...message, bodyHtml: '<p>Rewritten</p>' } },
      ]);
      expect(outcome).toEqual({
        conflicts: [message],
        refusals: [{ id: message.id, message: 'Messages cannot be changed once they are sent.' }],
      });
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    });
  });

  it('streams new messages to the desktops that may see them, and private ones only within the agency', async () => {
    const jordanStream = await listen('jordan');
    const alexStream = await listen('alex');
    // Priya's private conversation with client 6 first, then a message everyone may see.
    const { threadId } = await insertPrivateThread('priya', 8);
    const hidden = await sendAsStaffOk(ts.url, token('priya'), {
      clientId: idAt(ids, 8),
      threadId,
      html: '<p>Only for Harbor</p>',
    });
    expect(hidden.message.private).toBe(true);
    const open = await sendAsStaffOk(ts.url, token('casey'), {
      clientId: idAt(ids, 10),
      html: '<p>Open</p>',
    });

    await waitForDoc(jordanStream, 'messages', open.message.id, (doc) => doc.bodyText === 'Open');
    await waitForDoc(jordanStream, 'threads', open.thread.id);
    await waitForDoc(alexStream, 'messages', hidden.message.id, (doc) => doc.private);
    // Jordan's stream handles changes in order: the later message arrived, the earlier never will.
    expect(streamedDocs(jordanStream, 'messages').some((doc) => doc.id === hidden.message.id)).toBe(false);
    expect(JSON.stringify(jordanStream.events)).not.toContain('Only for Harbor');
  });
});
