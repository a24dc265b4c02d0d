import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { type NetworkGate, startNetworkGate } from '../../support/network-gate';
import { startTestServer, type TestServer } from '../../support/test-server';

const EXTRA_CLIENTS = 4000;

describe('the agency server restarting during a first sync', () => {
  let server: TestServer;
  let desktop: DesktopProcess | undefined;
  let gate: NetworkGate | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    // Enough clients that the first sync takes many pulls, so the restart lands in the middle.
    await server.server.db.query(
      `INSERT INTO clients (agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth, shared)
       SELECT a.id, 'Bulk', 'Client ' || g, 'bulk', 'client ' || g, DATE '1980-01-01' + g, true
         FROM agencies a, generate_series(1, $1::int) g WHERE a.name = 'Harbor Light Outreach'`,
      [EXTRA_CLIENTS],
    );
  });

  afterAll(async () => {
    await desktop?.stop();
    if (desktop) removeDataDir(desktop.dataDir);
    await gate?.close();
    await server?.close();
  });

  it('finishes with every client exactly once', async () => {
    const port = Number(new URL(server.url).port);
    const expected = await server.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM clients c JOIN agencies a ON a.id = c.agency_id
        WHERE a.name = 'Harbor Light Outreach' OR c.shared`,
    );
    const total = expected.rows[0]?.n ?? 0;
    gate = await startNetworkGate(server.url);
    desktop = await startDesktop({ serverUrl: gate.url });
    // The moment the first page of clients has been delivered, the server goes away.
    const firstPage = gate.after((request) =>
      (request.url ?? '').startsWith('/api/replication/clients/pull'),
    );
    await desktop.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    await firstPage;
    gate.cut();
    await server.stop();
    const partial = await eventually('the first page in the cache', async () => {
      const count = (await desktop?.api.clients.count({ query: '' })) ?? 0;
      return count > 0 ? count : undefined;
    });
    expect(partial).toBeLessThan(total);

    await server.startInstance(port);
    gate.restore();
    const final = await eventually(
      'every client',
      async () => {
        const count = (await desktop?.api.clients.count({ query: '' })) ?? 0;
        return count === total ? count : undefined;
      },
      60_000,
    );
    expect(final).toBe(total);
    const bulk = await desktop.api.clients.count({ query: 'bulk' });
    expect(bulk).toBe(EXTRA_CLIENTS);
  });
});
