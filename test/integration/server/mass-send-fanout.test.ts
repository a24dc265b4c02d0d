import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MassSendJobView } from '../../../shared/domain/mass-send';
import { expectStatus, pullAll, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import {
  finishedJob,
  insertClients,
  jobOf,
  messageCounts,
  postMassSend,
  resultsOf,
  startMassSend,
} from '../../support/mass-send';
import { FORBIDDEN_MARKUP, HOSTILE_HTML, portalSignIn } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { pngBytes, upload } from '../../support/uploads';

const HARBOR = 'Harbor Light Outreach';
const NORTHSIDE = 'Northside Family Shelter';

/** One message or request to many clients: who is served, who is skipped and why, and what each gets. */
describe('mass sending', () => {
  let ts: TestServer;
  let tokens: Record<'casey' | 'priya' | 'alex' | 'jordan' | 'taylor' | 'sam', string>;
  let caseyId: string;
  let marcusId: string;
  let connected: string[];
  let unconnected: string[];
  let hidden: string[];
  const unknown = randomUUID();
  let messageJob: MassSendJobView;

  beforeAll(async () => {
    ts = await startTestServer();
    const db = ts.server.db;
    const names = ['casey', 'priya', 'alex', 'jordan', 'taylor', 'sam'] as const;
    const signed = await Promise.all(names.map((name) => signIn(ts.url, name)));
    tokens = Object.fromEntries(names.map((name, index) => [name, signed[index] ?? ''])) as typeof tokens;
    caseyId = await userId(db, 'casey');
    // Marcus (demo client 0) is connected and already has a conversation with Casey.
    marcusId = idAt(await demoClientIds(db), 0);
    connected = await insertClients(db, { agency: HARBOR, count: 5, prefix: 'Connected', connected: true });
    unconnected = await insertClients(db, {
      agency: HARBOR,
      count: 3,
      prefix: 'Unconnected',
      connected: false,
    });
    // Northside's and not shared: Casey (Harbor) may not see them, connected or not.
    hidden = await insertClients(db, {
      agency: NORTHSIDE,
      count: 2,
      prefix: 'Hidden',
      connected: true,
      shared: false,
    });
    messageJob = await startMassSend(ts.url, tokens.casey, {
      clientIds: [...connected, marcusId, ...unconnected, ...hidden, unknown, connected[0] ?? ''],
      html: `<p>The shelter closes at 6 tonight because of the storm.</p>${HOSTILE_HTML}`,
    });
  });
  afterAll(() => ts.close());

  it('accepts the job at once and finishes it in the background with counts', async () => {
    expect(['queued', 'running', 'done']).toContain(messageJob.status);
    // The repeated client is one recipient.
    expect(messageJob.total).toBe(12);
    expect(messageJob.description).toBe('The shelter closes at 6 tonight because of the storm.');
    const done = await finishedJob(ts.url, tokens.casey, messageJob.id);
    expect(done).toMatchObject({
      status: 'done',
      total: 12,
      processed: 12,
      sent: 6,
      skipped: 6,
      error: null,
    });
    expect(done.finishedAt).not.toBeNull();
  });

  it('serves only connected clients the sender may see, and says why it skipped the others', async () => {
    await finishedJob(ts.url, tokens.casey, messageJob.id);
    const results = await resultsOf(ts.url, tokens.casey, messageJob.id);
    const byClient = new Map(results.map((result) => [result.clientId, result]));
    expect(results).toHaveLength(12);
    for (const id of [...connected, marcusId])
      expect(byClient.get(id)).toMatchObject({ outcome: 'sent', reason: null });
    for (const id of unconnected)
      expect(byClient.get(id)).toMatchObject({ outcome: 'skipped', reason: 'no_portal_account' });
    for (const id of [...hidden, unknown])
      expect(byClient.get(id)).toMatchObject({ outcome: 'skipped', reason: 'not_visible', clientName: '' });
    expect(byClient.get(connected[0] ?? '')?.clientName).toBe('Connected Connected 1');
    // In the order the desktop listed them.
    expect(results.map((result) => result.clientId)).toEqual([
      ...connected,
      marcusId,
      ...unconnected,
      ...hidden,
      unknown,
    ]);
    const counts = await messageCounts(ts.server.db, [...connected, ...unconnected, ...hidden]);
    for (const id of connected) expect(counts.get(id), id).toBe(1);
    for (const id of [...unconnected, ...hidden]) expect(counts.get(id), id).toBeUndefined();
  });

  it('gives every recipient a copy of their own, in their own conversation with the sender only', async () => {
    await finishedJob(ts.url, tokens.casey, messageJob.id);
    const { rows } = await ts.server.db.query<{
      message_id: string;
      message_client: string;
      thread_id: string;
      thread_client: string;
      thread_staff: string;
      sender: string;
      body_html: string;
      client_unread: boolean;
      last_message_preview: string;
    }>(
      `SELECT m.id::text AS message_id, m.client_id::text AS message_client, t.id::text AS thread_id,
              t.client_id::text AS thread_client, t.staff_id::text AS thread_staff,
              m.sender_staff_id::text AS sender, m.body_html, t.client_unread, t.last_message_preview
         FROM mass_send_recipients r JOIN messages m ON m.id = r.item_id JOIN threads t ON t.id = m.thread_id
        WHERE r.job_id = $1::uuid`,
      [messageJob.id],
    );
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.message_id)).size).toBe(6);
    expect(new Set(rows.map((row) => row.thread_id)).size).toBe(6);
    for (const row of rows) {
      expect(row.thread_client).toBe(row.message_client);
      expect(row.thread_staff).toBe(caseyId);
      expect(row.sender).toBe(caseyId);
      expect(row.client_unread).toBe(true);
      expect(row.last_message_preview).toMatch(/^The shelter closes at 6 tonight/);
      for (const pattern of FORBIDDEN_MARKUP) expect(row.body_html).not.toMatch(pattern);
    }
    expect(rows.map((row) => row.message_client).sort()).toEqual([...connected, marcusId].sort());
    // Marcus's copy went into the conversation he already had with Casey: still one conversation.
    const marcusThreads = await ts.server.db.query(
      'SELECT 1 FROM threads WHERE client_id = $1::uuid AND staff_id = $2::uuid',
      [marcusId, caseyId],
    );
    expect(marcusThreads.rows).toHaveLength(1);

    // What Marcus sees in the portal: his conversation with Casey, nobody else's name or copy.
    const marcus = await portalSignIn(ts.url, 'marcus');
    const threads = await request(ts.url, '/api/portal/threads', { token: marcus });
    expectStatus(threads, 200);
    const listed = JSON.stringify(threads.body);
    expect(listed).toContain('The shelter closes at 6 tonight');
    for (const name of ['Connected', 'Unconnected', 'Hidden']) expect(listed).not.toContain(name);
  });

  it('reaches the sender’s desktop like single sends: the copies replicate', async () => {
    await finishedJob(ts.url, tokens.casey, messageJob.id);
    const { documents } = await pullAll(ts.url, tokens.casey, 'messages', { limit: 500 });
    const copies = documents.filter((doc) => doc.bodyText.startsWith('The shelter closes at 6 tonight'));
    expect(copies.map((doc) => doc.clientId).sort()).toEqual([...connected, marcusId].sort());
  });

  it('treats a resubmitted job as the same job and changes nothing', async () => {
    await finishedJob(ts.url, tokens.casey, messageJob.id);
    const before = await snapshotDatabase(ts.server.db);
    const again = await postMassSend(ts.url, tokens.casey, {
      id: messageJob.id,
      clientIds: [...unconnected, randomUUID()],
      html: '<p>Something else entirely</p>',
    });
    expectStatus(again, 200);
    expect((again.body as { job: MassSendJobView }).job).toMatchObject({
      id: messageJob.id,
      total: 12,
      sent: 6,
    });
    // Another staff member cannot use (or learn about) that id.
    const taken = expectErrorResponse(
      await postMassSend(ts.url, tokens.priya, {
        id: messageJob.id,
        clientIds: connected,
        html: '<p>Hi</p>',
      }),
      409,
    );
    expect(taken.error).toBe('mass_send_id_taken');
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('shows each recipient the pictures the sender may show, and no others', async () => {
    const mine = await upload(ts.url, pngBytes(64), { token: tokens.casey, contentType: 'image/png' });
    const theirs = await upload(ts.url, pngBytes(64), { token: tokens.jordan, contentType: 'image/png' });
    expectStatus(mine, 201);
    expectStatus(theirs, 201);
    const picture = (mine.body as { id: string }).id;
    const hidden = (theirs.body as { id: string }).id;
    const job = await startMassSend(ts.url, tokens.casey, {
      clientIds: [marcusId, ...connected.slice(0, 2)],
      html: `<p>Here is the map.</p><p><img src="/api/attachments/${picture}"><img src="/api/attachments/${hidden}"></p>`,
    });
    expect(await finishedJob(ts.url, tokens.casey, job.id)).toMatchObject({ sent: 3 });
    const recorded = await ts.server.db.query<{ file_id: string }>(
      `SELECT a.file_id::text AS file_id FROM message_attachments a
        WHERE a.message_id IN (SELECT item_id FROM mass_send_recipients WHERE job_id = $1::uuid)`,
      [job.id],
    );
    expect(recorded.rows.map((row) => row.file_id)).toEqual([picture, picture, picture]);
    const marcus = await portalSignIn(ts.url, 'marcus');
    expect((await request(ts.url, `/api/attachments/${picture}`, { token: marcus })).status).toBe(200);
    expectErrorResponse(await request(ts.url, `/api/attachments/${hidden}`, { token: marcus }), 404);
  });

  it('stores a job once when its submissions race each other', async () => {
    const id = randomUUID();
    const body = { id, clientIds: connected, html: '<p>Sent twice at once</p>' };
    const answers = await Promise.all([
      postMassSend(ts.url, tokens.casey, body),
      postMassSend(ts.url, tokens.casey, body),
      postMassSend(ts.url, tokens.casey, body),
    ]);
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    await finishedJob(ts.url, tokens.casey, id);
    const rows = await ts.server.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM mass_send_recipients WHERE job_id = $1::uuid',
      [id],
    );
    expect(rows.rows[0]?.count).toBe(connected.length);
    const copies = await ts.server.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM messages WHERE body_text = 'Sent twice at once'`,
    );
    expect(copies.rows[0]?.count).toBe(connected.length);
  });

  it('lets only the sender, their agency’s administrators and system admins follow a job', async () => {
    await finishedJob(ts.url, tokens.casey, messageJob.id);
    for (const who of ['casey', 'alex', 'sam'] as const) {
      expect((await jobOf(ts.url, tokens[who], messageJob.id)).sent, who).toBe(6);
      expect(await resultsOf(ts.url, tokens[who], messageJob.id), who).toHaveLength(12);
    }
    for (const who of ['priya', 'jordan', 'taylor'] as const) {
      expectErrorResponse(
        await request(ts.url, `/api/mass-sends/${messageJob.id}`, { token: tokens[who] }),
        404,
      );
      expectErrorResponse(
        await request(ts.url, `/api/mass-sends/${messageJob.id}/results`, { token: tokens[who] }),
        404,
      );
    }
    // The list is the caller's own jobs.
    const mine = await request(ts.url, '/api/mass-sends', { token: tokens.casey });
    expectStatus(mine, 200);
    expect((mine.body as { jobs: MassSendJobView[] }).jobs.map((job) => job.id)).toContain(messageJob.id);
    const priyas = await request(ts.url, '/api/mass-sends', { token: tokens.priya });
    expect((priyas.body as { jobs: MassSendJobView[] }).jobs.map((job) => job.id)).not.toContain(
      messageJob.id,
    );
  });

  it('pages results', async () => {
    await finishedJob(ts.url, tokens.casey, messageJob.id);
    const all = await resultsOf(ts.url, tokens.casey, messageJob.id);
    const first = await resultsOf(ts.url, tokens.casey, messageJob.id, { offset: 0, limit: 5 });
    const rest = await resultsOf(ts.url, tokens.casey, messageJob.id, { offset: 5, limit: 100 });
    expect([...first, ...rest]).toEqual(all);
    expect(first).toHaveLength(5);
  });

  it('stores each request exactly as a single request to that client would be stored', async () => {
    const job = await startMassSend(ts.url, tokens.casey, {
      kind: 'location',
      private: true,
      clientIds: [...connected.slice(0, 3), unconnected[0] ?? ''],
    });
    expect(job.description).toBe('Location');
    expect(await finishedJob(ts.url, tokens.casey, job.id)).toMatchObject({ sent: 3, skipped: 1 });
    const single = randomUUID();
    expectStatus(
      await request(ts.url, '/api/requests', {
        method: 'POST',
        token: tokens.casey,
        json: { id: single, clientId: connected[3], type: 'location', private: true },
      }),
      201,
    );
    const columns = `client_id::text AS client_id, agency_id::text AS agency_id, sender_staff_id::text AS sender,
      type, private, assessment_definition_id, document_category_id, document_name, description, status,
      viewed_at, completed_at, cancelled_at, record_id, deleted,
      round(extract(epoch FROM expires_at - sent_at) / 3600) AS hours_open`;
    const fanned = await ts.server.db.query<Record<string, unknown>>(
      `SELECT ${columns} FROM portal_requests
        WHERE id IN (SELECT item_id FROM mass_send_recipients WHERE job_id = $1::uuid) ORDER BY client_id`,
      [job.id],
    );
    const reference = (
      await ts.server.db.query<Record<string, unknown>>(
        `SELECT ${columns} FROM portal_requests WHERE id = $1::uuid`,
        [single],
      )
    ).rows[0];
    expect(fanned.rows).toHaveLength(3);
    expect(fanned.rows.map((row) => row.client_id)).toEqual([...connected.slice(0, 3)].sort());
    for (const row of fanned.rows) expect({ ...row, client_id: '' }).toEqual({ ...reference, client_id: '' });
  });

  it('sends an assessment of the sender’s agency, and refuses another agency’s', async () => {
    const definitions = await ts.server.db.query<{ id: string; agency: string; name: string }>(
      `SELECT d.id::text AS id, a.name AS agency, d.name FROM assessment_definitions d JOIN agencies a ON a.id = d.agency_id
        WHERE d.portal_enabled AND d.active AND NOT d.deleted ORDER BY d.name`,
    );
    const harbor = definitions.rows.find((row) => row.agency === HARBOR);
    const northside = definitions.rows.find((row) => row.agency === NORTHSIDE);
    if (!harbor || !northside) throw new Error('the demo catalog has no portal assessments');
    const job = await startMassSend(ts.url, tokens.casey, {
      kind: 'assessment',
      assessmentDefinitionId: harbor.id,
      clientIds: connected.slice(0, 2),
    });
    expect(job.description).toBe(harbor.name);
    expect(await finishedJob(ts.url, tokens.casey, job.id)).toMatchObject({ sent: 2, skipped: 0 });
    const stored = await ts.server.db.query<{ assessment_definition_id: string; type: string }>(
      `SELECT assessment_definition_id::text AS assessment_definition_id, type FROM portal_requests
        WHERE id IN (SELECT item_id FROM mass_send_recipients WHERE job_id = $1::uuid)`,
      [job.id],
    );
    expect(stored.rows).toEqual([
      { assessment_definition_id: harbor.id, type: 'assessment' },
      { assessment_definition_id: harbor.id, type: 'assessment' },
    ]);
    const before = await snapshotDatabase(ts.server.db);
    expectErrorResponse(
      await postMassSend(ts.url, tokens.casey, {
        kind: 'assessment',
        assessmentDefinitionId: northside.id,
        clientIds: connected,
      }),
      404,
    );
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });
});
