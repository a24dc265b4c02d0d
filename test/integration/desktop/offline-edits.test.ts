import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyServer } from '../../../server/app';
import { clientById, demoClients, HARBOR } from '../../support/demo-lookup';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('working offline', () => {
  let server: TestServer;
  let casey: DesktopProcess;
  let alex: DesktopProcess;
  let port: number;
  /** The instance running now: each test stops the server and starts a new one on the same database. */
  let current: AgencyServer;

  beforeAll(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    current = server.server;
    [casey, alex] = await Promise.all([
      startDesktop({ serverUrl: server.url }),
      startDesktop({ serverUrl: server.url }),
    ]);
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    await alex.api.session.signIn({ username: 'alex', password: 'Portico#2026' });
  });

  afterAll(async () => {
    for (const desktop of [casey, alex]) {
      await desktop?.stop();
      if (desktop) removeDataDir(desktop.dataDir);
    }
    await server?.close();
  });

  it('keeps edits made while the server is unreachable and sends them when it is back', async () => {
    const target = (await demoClients(current.db)).find((client) => client.agency === HARBOR);
    if (!target) throw new Error('no Harbor client');
    await eventually('first sync', async () => (await casey.api.clients.get({ id: target.id })) ?? undefined);

    await server.stopInstance(current);
    await eventually('casey to notice she is offline', async () => {
      const status = await casey.api.sync.status();
      return status.state === 'offline' ? status : undefined;
    });

    // Offline, the app still answers from its cache and takes the edit at once.
    const found = await casey.api.clients.search({ query: target.last_name, limit: 10 });
    expect(found.map((client) => client.id)).toContain(target.id);
    await casey.api.clients.update({ id: target.id, patch: { email: 'offline.edit@example.org' } });
    const waiting = await casey.api.sync.status();
    expect(waiting.pendingChanges).toBe(1);
    expect((await casey.api.clients.get({ id: target.id }))?.client.email).toBe('offline.edit@example.org');

    current = await server.startInstance(port);
    await eventually('the edit to reach the server', async () => {
      const row = await clientById(current.db, target.id);
      return row?.email === 'offline.edit@example.org' ? row : undefined;
    });
    const synced = await eventually('casey to be back in sync', async () => {
      const status = await casey.api.sync.status();
      return status.state === 'online' && status.pendingChanges === 0 ? status : undefined;
    });
    expect(synced.refusals).toEqual([]);
  });

  it('merges two offline edits of one record without losing either', async () => {
    const target = (await demoClients(current.db)).find(
      (client) => client.agency === HARBOR && client.phone !== '',
    );
    if (!target) throw new Error('no Harbor client');
    await eventually(
      'casey has it',
      async () => (await casey.api.clients.get({ id: target.id })) ?? undefined,
    );
    await eventually('alex has it', async () => (await alex.api.clients.get({ id: target.id })) ?? undefined);

    await server.stopInstance(current);
    await casey.api.clients.update({ id: target.id, patch: { phone: '(555) 111-2222' } });
    await alex.api.clients.update({ id: target.id, patch: { email: 'both.survive@example.org' } });

    current = await server.startInstance(port);
    const merged = await eventually('both edits on the server', async () => {
      const row = await clientById(current.db, target.id);
      return row?.phone === '(555) 111-2222' && row.email === 'both.survive@example.org' ? row : undefined;
    });
    expect(merged.first_name).toBe(target.first_name);
    for (const desktop of [casey, alex]) {
      const profile = await eventually('the desktop to converge', async () => {
        const copy = await desktop.api.clients.get({ id: target.id });
        return copy?.client.phone === '(555) 111-2222' && copy.client.email === 'both.survive@example.org'
          ? copy
          : undefined;
      });
      expect(profile.client.firstName).toBe(target.first_name);
    }
  });
});
