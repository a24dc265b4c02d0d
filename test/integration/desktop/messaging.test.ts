import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyServer } from '../../../server/app';
import { newMessageDraftKey } from '../../../shared/domain/messaging';
import type { RichTextDocument } from '../../../shared/rich-text/model';
import { demoClients, HARBOR } from '../../support/demo-lookup';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { type NetworkGate, startNetworkGate } from '../../support/network-gate';
import { portalAccountOnCareTeamOf, portalPost, portalSignIn } from '../../support/portal-client';
import { startTestServer, type TestServer } from '../../support/test-server';

interface RecordedNotification {
  title: string;
  body: string;
  target?: { kind: string; id: string };
}

async function notifications(desktop: DesktopProcess): Promise<RecordedNotification[]> {
  const response = await fetch(`${desktop.url}/host/test/notifications`);
  return (await response.json()) as RecordedNotification[];
}

async function messageCount(db: AgencyServer['db'], id: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM messages WHERE id = $1::uuid',
    [id],
  );
  return result.rows[0]?.n ?? 0;
}

describe('messaging from the desktop', () => {
  let server: TestServer;
  let current: AgencyServer;
  let gate: NetworkGate;
  let casey: DesktopProcess;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-messaging-'));

  beforeAll(async () => {
    server = await startTestServer();
    current = server.server;
    port = Number(new URL(server.url).port);
    gate = await startNetworkGate(server.url);
    casey = await startDesktop({ serverUrl: gate.url, dataDir });
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
  });

  afterAll(async () => {
    await casey?.stop();
    removeDataDir(dataDir);
    await gate?.close();
    await server?.close();
  });

  async function harborClient(): Promise<string> {
    const target = (await demoClients(current.db)).find((client) => client.agency === HARBOR);
    if (!target) throw new Error('no Harbor client');
    await eventually(
      'the client in the cache',
      async () => (await casey.api.clients.get({ id: target.id })) ?? undefined,
    );
    return target.id;
  }

  it('keeps a draft through a killed desktop', async () => {
    const clientId = await harborClient();
    const content: RichTextDocument = [
      { type: 'paragraph', children: [{ text: 'Your appointment is ' }, { text: 'Thursday', bold: true }] },
    ];
    await casey.api.drafts.save({ key: newMessageDraftKey(clientId), clientId, threadId: null, content });
    await casey.kill();
    casey = await startDesktop({ serverUrl: gate.url, dataDir });
    const draft = await casey.api.drafts.get({ key: newMessageDraftKey(clientId) });
    expect(draft?.content).toEqual(content);
    await casey.api.drafts.discard({ key: newMessageDraftKey(clientId) });
    expect(await casey.api.drafts.get({ key: newMessageDraftKey(clientId) })).toBeNull();
  });

  it('holds a message written offline and delivers it once when the server is back', async () => {
    const clientId = await harborClient();
    await server.stopInstance(current);
    await eventually('offline', async () =>
      (await casey.api.sync.status()).state === 'offline' ? true : undefined,
    );

    const queued = await casey.api.messages.send({
      clientId,
      threadId: null,
      html: '<p>Written in the field</p>',
    });
    expect(queued.state).toBe('waiting');
    expect((await casey.api.outbox.list()).map((entry) => entry.id)).toEqual([queued.id]);
    expect((await casey.api.sync.status()).pendingChanges).toBeGreaterThanOrEqual(1);

    current = await server.startInstance(port);
    await eventually('the message at the server', async () =>
      (await messageCount(current.db, queued.id)) === 1 ? true : undefined,
    );
    await eventually('the outbox to empty', async () =>
      (await casey.api.outbox.list()).length === 0 ? true : undefined,
    );
    // The outbox lets go of an item once the server accepted it; the conversation it started
    // arrives by the next pull, moments later.
    await eventually('the message in its conversation', async () => {
      const threads = await casey.api.threads.forClient({ clientId });
      const view = await casey.api.threads.get({ threadId: threads[0]?.threadId ?? '' });
      return view?.messages.some((message) => message.id === queued.id) ? true : undefined;
    });
    expect(await messageCount(current.db, queued.id)).toBe(1);
  });

  it('sends once even when the server’s answer is lost and the desktop tries again', async () => {
    const clientId = await harborClient();
    const lost = gate.loseNextAnswer(
      (request) => request.method === 'POST' && request.url === '/api/messages',
    );
    const queued = await casey.api.messages.send({
      clientId,
      threadId: null,
      html: '<p>Did this arrive?</p>',
    });
    await lost;
    await eventually(
      'the retry to settle',
      async () => ((await casey.api.outbox.list()).length === 0 ? true : undefined),
      40_000,
    );
    expect(await messageCount(current.db, queued.id)).toBe(1);
  });

  it('raises an OS notification when a client writes, and clicking it opens the thread', async () => {
    const account = await portalAccountOnCareTeamOf(current.db, 'casey');
    await casey.api.settings.update({ allowClientContact: true, osNotifications: true });
    const token = await portalSignIn(current.url, account.username);
    const response = await portalPost(current.url, token, '/api/portal/messages', {
      staffId: account.staffId,
      html: '<p>Can we meet tomorrow?</p>',
    });
    expect(response.status).toBeLessThan(300);

    const shown = await eventually('a notification', async () => {
      const list = await notifications(casey);
      return list.find((n) => n.body.includes('Can we meet tomorrow?'));
    });
    expect(shown.title).toMatch(/^New message from /);
    const index = (await notifications(casey)).findIndex((n) => n.body.includes('Can we meet tomorrow?'));
    await fetch(`${casey.url}/host/test/notifications?index=${index}`, { method: 'POST' });
    const navigation = await eventually('the thread to open', async () =>
      casey.bridge.events.find((event) => event.event === 'app:navigate'),
    );
    expect(navigation.payload).toEqual({ to: 'thread', threadId: shown.target?.id });
    expect((await casey.api.inbox.counts()).conversations).toBeGreaterThanOrEqual(1);
  });

  it('refuses a client’s message once the staff member turns off client-initiated contact', async () => {
    const account = await portalAccountOnCareTeamOf(current.db, 'casey');
    await casey.api.settings.update({ allowClientContact: false });
    const token = await portalSignIn(current.url, account.username);
    const before = await notifications(casey);
    const response = await portalPost(current.url, token, '/api/portal/messages', {
      staffId: account.staffId,
      html: '<p>Are you there?</p>',
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { message: string };
    expect(body.message.length).toBeGreaterThan(10);
    const stored = await current.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE body_html LIKE '%Are you there?%'",
    );
    expect(stored.rows[0]?.n).toBe(0);
    expect((await notifications(casey)).length).toBe(before.length);
    await casey.api.settings.update({ allowClientContact: true });
  });
});
