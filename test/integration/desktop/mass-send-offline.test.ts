import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyServer } from '../../../server/app';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('a mass send written offline', () => {
  let server: TestServer;
  let current: AgencyServer;
  let casey: DesktopProcess;

  beforeAll(async () => {
    server = await startTestServer();
    current = server.server;
    casey = await startDesktop({ serverUrl: server.url });
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    await eventually('programs in the cache', async () =>
      (await casey.api.massSend.programs()).length > 0 ? true : undefined,
    );
  });

  afterAll(async () => {
    await casey?.stop();
    if (casey) removeDataDir(casey.dataDir);
    await server?.close();
  });

  it('waits in the outbox and is sent, once, to every chosen client when the connection returns', async () => {
    const recipients = await eventually('connected recipients', async () => {
      const listed = await casey.api.massSend.recipients({
        programIds: [],
        allPrograms: true,
        withoutEnrollment: true,
        enrollmentStatus: 'active',
      });
      return listed.length >= 2 ? listed : undefined;
    });
    const chosen = recipients.slice(0, -1).map((r) => r.clientId);
    const port = Number(new URL(server.url).port);
    await server.stopInstance(current);

    const job = await casey.api.massSend.start({
      kind: 'message',
      clientIds: chosen,
      html: '<p>The shelter closes early tonight because of the storm.</p>',
      private: false,
    });
    expect(job.status).toBe('waiting');
    expect((await casey.api.massSend.jobs()).map((j) => j.id)).toContain(job.id);

    current = await server.startInstance(port);
    const done = await eventually(
      'the job to finish',
      async () => {
        const found = (await casey.api.massSend.jobs()).find((j) => j.id === job.id);
        return found?.status === 'done' ? found : undefined;
      },
      60_000,
    );
    expect(done.total).toBe(chosen.length);
    expect(done.sent + done.skipped).toBe(chosen.length);
    const results = await casey.api.massSend.results({ jobId: job.id });
    expect(results.map((r) => r.clientId).sort()).toEqual([...chosen].sort());

    const delivered = await current.db.query<{ client_id: string; n: number }>(
      `SELECT client_id::text AS client_id, count(*)::int AS n FROM messages
        WHERE body_html LIKE '%closes early tonight%' GROUP BY client_id`,
    );
    const sentTo = results
      .filter((r) => r.outcome === 'sent')
      .map((r) => r.clientId)
      .sort();
    expect(delivered.rows.map((row) => row.client_id).sort()).toEqual(sentTo);
    expect(delivered.rows.every((row) => row.n === 1)).toBe(true);
  }, 120_000);
});
