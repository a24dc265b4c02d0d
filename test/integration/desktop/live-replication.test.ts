import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientById, demoClients, HARBOR } from '../../support/demo-lookup';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('live replication between desktops', () => {
  let server: TestServer;
  let casey: DesktopProcess;
  let priya: DesktopProcess;
  let jordan: DesktopProcess;

  beforeAll(async () => {
    server = await startTestServer();
    [casey, priya, jordan] = await Promise.all([
      startDesktop({ serverUrl: server.url }),
      startDesktop({ serverUrl: server.url }),
      startDesktop({ serverUrl: server.url }),
    ]);
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    await priya.api.session.signIn({ username: 'priya', password: 'Portico#2026' });
    await jordan.api.session.signIn({ username: 'jordan', password: 'Portico#2026' });
  });

  afterAll(async () => {
    for (const desktop of [casey, priya, jordan]) {
      await desktop?.stop();
      if (desktop) removeDataDir(desktop.dataDir);
    }
    await server?.close();
  });

  it('carries an edit made on one desktop into the other desktops’ caches without a manual sync', async () => {
    const clients = await demoClients(server.server.db);
    const target = clients.find((client) => client.agency === HARBOR && client.shared);
    if (!target) throw new Error('demo data has no shared Harbor client');
    await eventually(
      'casey’s first sync',
      async () => (await casey.api.clients.get({ id: target.id })) ?? undefined,
    );
    await eventually(
      'priya’s first sync',
      async () => (await priya.api.clients.get({ id: target.id })) ?? undefined,
    );
    await eventually(
      'jordan’s first sync',
      async () => (await jordan.api.clients.get({ id: target.id })) ?? undefined,
    );

    await casey.api.clients.update({ id: target.id, patch: { phone: '(555) 867-5309' } });

    for (const [name, desktop] of [
      ['priya', priya],
      ['jordan', jordan],
    ] as const) {
      const seen = await eventually(`${name} to see the new phone`, async () => {
        const profile = await desktop.api.clients.get({ id: target.id });
        return profile?.client.phone === '(555) 867-5309' ? profile : undefined;
      });
      expect(seen.client.phone).toBe('(555) 867-5309');
    }
    expect((await clientById(server.server.db, target.id))?.phone).toBe('(555) 867-5309');
    // The other desktops heard of it through the stream: they report data changes without polling.
    expect(priya.bridge.events.some((event) => event.event === 'data:changed')).toBe(true);
  });
});
