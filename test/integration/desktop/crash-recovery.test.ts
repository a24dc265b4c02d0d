import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientById, demoClients, HARBOR } from '../../support/demo-lookup';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('a desktop killed mid-work', () => {
  let server: TestServer;
  let desktop: DesktopProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-crash-'));

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await desktop?.stop();
    removeDataDir(dataDir);
    await server?.close();
  });

  it('reopens its cache intact, still signed in, with the unsent edit waiting and then delivered', async () => {
    const port = Number(new URL(server.url).port);
    desktop = await startDesktop({ serverUrl: server.url, dataDir });
    await desktop.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    const visible = (await demoClients(server.server.db)).filter((c) => c.agency === HARBOR || c.shared);
    await eventually('the first sync', async () =>
      (await desktop?.api.clients.count({ query: '' })) === visible.length ? true : undefined,
    );

    const target = visible.find((c) => c.agency === HARBOR);
    if (!target) throw new Error('no Harbor client');
    await server.stop();
    await desktop.api.clients.update({ id: target.id, patch: { phone: '(555) 404-0000' } });
    await desktop.kill();

    desktop = await startDesktop({ serverUrl: server.url, dataDir });
    const session = await desktop.api.session.get();
    expect(session?.user.username).toBe('casey');
    expect(await desktop.api.clients.count({ query: '' })).toBe(visible.length);
    expect((await desktop.api.clients.get({ id: target.id }))?.client.phone).toBe('(555) 404-0000');
    expect((await desktop.api.sync.status()).pendingChanges).toBe(1);

    const restarted = await server.startInstance(port);
    await eventually('the edit to reach the server', async () =>
      (await clientById(restarted.db, target.id))?.phone === '(555) 404-0000' ? true : undefined,
    );
    await eventually('nothing pending', async () =>
      (await desktop?.api.sync.status())?.pendingChanges === 0 ? true : undefined,
    );
  });
});
