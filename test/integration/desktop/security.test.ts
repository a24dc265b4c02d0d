import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge/envelope';
import { newMessageDraftKey } from '../../../shared/domain/messaging';
import { demoClients, HARBOR } from '../../support/demo-lookup';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function failure(promise: Promise<unknown>): Promise<BridgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BridgeError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the desktop’s safeguards', () => {
  let server: TestServer;
  let desktop: DesktopProcess;

  beforeAll(async () => {
    server = await startTestServer();
    desktop = await startDesktop({ serverUrl: server.url, env: { PORTICO_IDLE_LOCK_MS: '2000' } });
    await desktop.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
  });

  afterAll(async () => {
    await desktop?.stop();
    if (desktop) removeDataDir(desktop.dataDir);
    await server?.close();
  });

  it('keeps no client’s name in plain text on disk', async () => {
    const visible = (await demoClients(server.server.db)).filter((c) => c.agency === HARBOR || c.shared);
    await eventually('the first sync', async () =>
      (await desktop.api.clients.count({ query: '' })) === visible.length ? true : undefined,
    );
    await desktop.api.session.activity();
    const names = visible
      .flatMap((client) => [client.first_name, client.last_name])
      .filter((name) => name.length >= 5);
    const files = filesUnder(desktop.dataDir);
    expect(files.some((file) => file.endsWith('.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      for (const name of names) expect(bytes.includes(name), `${name} in ${file}`).toBe(false);
    }
  });

  it('locks after idling, keeps drafts, and opens again only with the password', async () => {
    const client = (await desktop.api.clients.search({ query: '', limit: 1 }))[0];
    if (!client) throw new Error('no client');
    const key = newMessageDraftKey(client.id);
    await desktop.api.drafts.save({
      key,
      clientId: client.id,
      threadId: null,
      content: [{ type: 'paragraph', children: [{ text: 'Half-written' }] }],
    });
    await eventually('the lock', async () =>
      (await desktop.api.session.lockState()).locked ? true : undefined,
    );
    expect(desktop.bridge.events.some((e) => e.event === 'session:lock')).toBe(true);
    expect((await failure(desktop.api.clients.search({ query: '', limit: 5 }))).code).toBe('locked');
    expect((await failure(desktop.api.session.unlock({ password: 'wrong password' }))).message).toBe(
      'The password is incorrect.',
    );
    await desktop.api.session.unlock({ password: 'Portico#2026' });
    expect((await desktop.api.drafts.get({ key }))?.content).toEqual([
      { type: 'paragraph', children: [{ text: 'Half-written' }] },
    ]);
    await desktop.api.drafts.discard({ key });
  });

  it('asks before signing out would lose unsent work, then leaves nothing behind', async () => {
    await desktop.api.session.activity();
    const target = (await demoClients(server.server.db)).find((c) => c.agency === HARBOR);
    if (!target) throw new Error('no Harbor client');
    const port = Number(new URL(server.url).port);
    await server.stop();
    await desktop.api.clients.update({ id: target.id, patch: { phone: '(555) 000-1111' } });
    const refusal = await failure(desktop.api.session.signOut());
    expect(refusal.code).toBe('conflict');
    expect(refusal.message).toMatch(/1 change has not reached the agency server/);
    expect(await desktop.api.session.get()).not.toBeNull();

    await desktop.api.session.signOut({ force: true });
    expect(await desktop.api.session.get()).toBeNull();
    // The cache, its key and downloaded files go; the host's stand-in for the OS keychain stays.
    const left = filesUnder(desktop.dataDir).filter((file) =>
      /\.sqlite|[\\/](keys|files|downloads)[\\/]/.test(file),
    );
    expect(left).toEqual([]);
    await server.startInstance(port);
  });
});
