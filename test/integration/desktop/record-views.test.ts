import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { portalAccountOnCareTeamOf } from '../../support/portal-client';
import { startTestServer, type TestServer } from '../../support/test-server';

/*
 * Issue 17: the client's privacy page says which part of their record staff looked at, so the
 * desktop reports each part it shows (the profile, the messages, a records tab) to the audit log,
 * and the log keeps each part once a minute.
 */
describe('views a desktop reports to the audit log', () => {
  let server: TestServer;
  let casey: DesktopProcess;
  let clientId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-record-views-'));

  beforeAll(async () => {
    server = await startTestServer();
    casey = await startDesktop({ serverUrl: server.url, dataDir });
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    clientId = (await portalAccountOnCareTeamOf(server.server.db, 'casey')).clientId;
    await eventually(
      'the client’s conversations on the desktop',
      async () => ((await casey.api.threads.forClient({ clientId })).length > 0 ? true : undefined),
      90_000,
    );
  }, 120_000);

  afterAll(async () => {
    await casey?.stop();
    removeDataDir(dataDir);
    await server?.close();
  });

  it('reports the profile, the messages and a records tab as three parts', async () => {
    expect(await casey.api.clients.get({ id: clientId })).not.toBeNull();
    const threads = await casey.api.threads.forClient({ clientId });
    const first = threads[0];
    expect(first).toBeDefined();
    await casey.api.threads.get({ threadId: first?.threadId ?? '' });
    await casey.api.records.forClient({ clientId, kind: 'document' });
    // The reporter sends its queue every 30 seconds.
    const parts = await eventually(
      'the views in the audit log',
      async () => {
        const rows = await server.server.db.query<{ what: string }>(
          `SELECT details->>'what' AS what FROM audit_log
            WHERE action = 'client.view' AND client_id = $1::uuid
              AND actor_id = (SELECT id FROM users WHERE username = 'casey')`,
          [clientId],
        );
        const found = new Set(rows.rows.map((row) => row.what));
        return ['profile', 'messages', 'records:document'].every((part) => found.has(part))
          ? found
          : undefined;
      },
      60_000,
    );
    expect([...parts].sort()).toEqual(['messages', 'profile', 'records:document']);
  }, 90_000);
});
