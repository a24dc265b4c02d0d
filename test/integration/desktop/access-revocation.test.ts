import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClients, HARBOR, NORTHSIDE } from '../../support/demo-lookup';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Everything a desktop holds: the full client list, paged through the bridge as the UI would. */
async function cachedClientIds(desktop: DesktopProcess): Promise<Set<string>> {
  const all = await desktop.api.clients.search({ query: '', limit: 500 });
  return new Set(all.map((client) => client.id));
}

describe('what another agency’s staff member may hold', () => {
  let server: TestServer;
  let casey: DesktopProcess;
  let jordan: DesktopProcess;

  beforeAll(async () => {
    server = await startTestServer();
    [casey, jordan] = await Promise.all([
      startDesktop({ serverUrl: server.url }),
      startDesktop({ serverUrl: server.url }),
    ]);
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    await jordan.api.session.signIn({ username: 'jordan', password: 'Portico#2026' });
  });

  afterAll(async () => {
    for (const desktop of [casey, jordan]) {
      await desktop?.stop();
      if (desktop) removeDataDir(desktop.dataDir);
    }
    await server?.close();
  });

  it('never pulls another agency’s not-shared client, and drops one when its record stops being shared', async () => {
    const clients = await demoClients(server.server.db);
    const careTeamRows = await server.server.db.query<{ client_id: string }>(
      `SELECT ct.client_id::text AS client_id FROM care_team ct JOIN users u ON u.id = ct.staff_id
        WHERE u.username = 'jordan' AND (ct.end_date IS NULL OR ct.end_date >= current_date)`,
    );
    const jordansCareTeam = new Set(careTeamRows.rows.map((row) => row.client_id));
    const expected = clients.filter((c) => c.agency === NORTHSIDE || c.shared || jordansCareTeam.has(c.id));

    const held = await eventually('jordan’s first sync', async () => {
      const ids = await cachedClientIds(jordan);
      return ids.size === expected.length ? ids : undefined;
    });
    for (const client of clients) {
      const hidden = client.agency === HARBOR && !client.shared && !jordansCareTeam.has(client.id);
      expect(held.has(client.id), `${client.first_name} ${client.last_name}`).toBe(!hidden);
    }

    // Casey's agency stops sharing a record jordan holds: it must leave jordan's computer.
    const target = clients.find((c) => c.agency === HARBOR && c.shared && !jordansCareTeam.has(c.id));
    if (!target) throw new Error('no shared Harbor client outside jordan’s care team');
    await eventually(
      'casey’s copy',
      async () => (await casey.api.clients.get({ id: target.id })) ?? undefined,
    );
    await casey.api.clients.update({ id: target.id, patch: { shared: false } });

    await eventually('the record to leave jordan’s cache', async () =>
      (await jordan.api.clients.get({ id: target.id })) === null ? true : undefined,
    );
    expect((await cachedClientIds(jordan)).has(target.id)).toBe(false);
    const search = await jordan.api.clients.search({ query: target.last_name, limit: 50 });
    expect(search.map((c) => c.id)).not.toContain(target.id);
    // Casey's own agency keeps it.
    expect((await casey.api.clients.get({ id: target.id }))?.client.shared).toBe(false);
  });
});
