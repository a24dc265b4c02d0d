import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

interface Row {
  client_id: string;
  program: string;
  exited: boolean;
  connected: boolean;
  agency: string;
}

describe('MASS SENDING recipients', () => {
  let server: TestServer;
  let casey: DesktopProcess;
  let rows: Row[];
  let programs: Map<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    casey = await startDesktop({ serverUrl: server.url });
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    const result = await server.server.db.query<Row>(
      `SELECT e.client_id::text AS client_id, p.name AS program,
              (e.exit_date IS NOT NULL AND e.exit_date < current_date) AS exited,
              EXISTS (SELECT 1 FROM client_accounts ca WHERE ca.client_id = e.client_id AND ca.active) AS connected,
              a.name AS agency
         FROM enrollments e JOIN programs p ON p.id = e.program_id JOIN agencies a ON a.id = p.agency_id`,
    );
    rows = result.rows;
    const programRows = await server.server.db.query<{ id: string; name: string }>(
      `SELECT p.id::text AS id, p.name FROM programs p JOIN agencies a ON a.id = p.agency_id WHERE a.name = 'Harbor Light Outreach'`,
    );
    programs = new Map(programRows.rows.map((row) => [row.name, row.id]));
    const total = (
      await server.server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM clients c JOIN agencies a ON a.id = c.agency_id WHERE a.name = 'Harbor Light Outreach' OR c.shared`,
      )
    ).rows[0]?.n;
    await eventually('the first sync', async () =>
      (await casey.api.clients.count({ query: '' })) === total ? true : undefined,
    );
    // Clients and memberships are separate collections, synced side by side: on a busy machine the
    // enrollments can arrive after the last client. Every enrolled, connected client listed means
    // both are in the cache (which clients they are is what the tests check).
    const enrolled = expected(null, false).size;
    await eventually('the memberships to sync', async () => {
      const listed = await casey.api.massSend.recipients({
        programIds: [],
        allPrograms: true,
        withoutEnrollment: false,
        enrollmentStatus: 'active',
      });
      return listed.length === enrolled ? true : undefined;
    });
  });

  afterAll(async () => {
    await casey?.stop();
    if (casey) removeDataDir(casey.dataDir);
    await server?.close();
  });

  const expected = (program: string | null, exited: boolean) =>
    new Set(
      rows
        .filter(
          (r) =>
            r.agency === 'Harbor Light Outreach' &&
            r.connected &&
            r.exited === exited &&
            (program === null || r.program === program),
        )
        .map((r) => r.client_id),
    );

  it('lists the connected clients of the chosen program with the chosen enrollment status', async () => {
    // Rapid Rehousing has connected clients both still enrolled and exited.
    const program = programs.get('Rapid Rehousing') ?? '';
    for (const status of ['active', 'inactive'] as const) {
      const listed = await casey.api.massSend.recipients({
        programIds: [program],
        allPrograms: false,
        withoutEnrollment: false,
        enrollmentStatus: status,
      });
      const want = expected('Rapid Rehousing', status === 'inactive');
      expect(want.size).toBeGreaterThan(0);
      expect(new Set(listed.map((r) => r.clientId))).toEqual(want);
      expect(listed.every((r) => r.programs.includes('Rapid Rehousing'))).toBe(true);
    }
  });

  it('selects all programs at once, and lists only clients with a portal account', async () => {
    const listed = await casey.api.massSend.recipients({
      programIds: [],
      allPrograms: true,
      withoutEnrollment: false,
      enrollmentStatus: 'active',
    });
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((r) => r.clientId))).toEqual(expected(null, false));
    const unconnected = rows.find((r) => r.agency === 'Harbor Light Outreach' && !r.connected && !r.exited);
    expect(listed.map((r) => r.clientId)).not.toContain(unconnected?.client_id);
  });

  it('picks nobody when nothing is chosen', async () => {
    const listed = await casey.api.massSend.recipients({
      programIds: [],
      allPrograms: false,
      withoutEnrollment: false,
      enrollmentStatus: 'active',
    });
    expect(listed).toEqual([]);
  });
});
