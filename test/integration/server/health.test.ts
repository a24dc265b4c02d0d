import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, request } from '../../support/api';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('GET /healthz', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ seedDemo: false });
  });
  afterAll(() => ts.close());

  it('answers ok and names the driver the configuration chose', async () => {
    const response = await request(ts.url, '/healthz');
    expectStatus(response, 200);
    // DATABASE_URL set means PostgreSQL; otherwise the embedded PGlite database.
    const expected = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    expect(response.body).toEqual({ status: 'ok', database: expected });
  });
});
