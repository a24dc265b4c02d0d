import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseReader } from '../../support/sse-reader';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const DEADLINE_MS = 5000;

/*
 * A live stream never ends by itself. Stopping the server (deploys, SIGTERM) must not wait for
 * every connected desktop to go away; it ends their streams, and they reconnect and resync.
 */
describe('stopping the server with desktops connected', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(() => ts.close());

  it('ends open live streams and finishes closing promptly', async () => {
    const reader = await SseReader.open(`${ts.url}/api/replication/stream`, await signIn(ts.url, 'casey'));
    await reader.waitFor((event) => event.event === 'resync');

    const stopping = ts.stop();
    const outcome = await Promise.race([
      stopping.then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), DEADLINE_MS)),
    ]);
    if (outcome !== 'stopped') {
      // Let the test end: the desktop gives up, which is what the server was waiting for.
      await reader.close();
      await stopping;
    }
    expect(outcome).toBe('stopped');
    // The server ended the stream; the reader saw its end without closing it.
    await expect(reader.ended).resolves.toBeUndefined();
  });
});
