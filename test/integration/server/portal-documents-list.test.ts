import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, request } from '../../support/api';
import { portalSignIn } from '../../support/messaging';
import { startTestServer, type TestServer } from '../../support/test-server';

async function uploadDocument(url: string, token: string, name: string, text: string): Promise<number> {
  const form = new FormData();
  form.append('name', name);
  form.append('files', new Blob([text], { type: 'text/plain' }), `${name}.txt`);
  const response = await fetch(`${url}/api/portal/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return response.status;
}

describe('GET /api/portal/documents', () => {
  let ts: TestServer;

  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(() => ts.close());

  it('lists the documents a client sent, newest first, and only theirs', async () => {
    const marcus = await portalSignIn(ts.url, 'marcus');
    const aaliyah = await portalSignIn(ts.url, 'aaliyah');
    expect(await uploadDocument(ts.url, marcus, 'Lease copy', 'lease')).toBe(201);
    expect(await uploadDocument(ts.url, marcus, 'Benefits letter', 'benefits')).toBe(201);
    expect(await uploadDocument(ts.url, aaliyah, 'State ID', 'id')).toBe(201);

    const mine = await request(ts.url, '/api/portal/documents', { token: marcus });
    expectStatus(mine, 200);
    const titles = (mine.body as { records: { title: string; kind: string }[] }).records.map((r) => r.title);
    expect(titles.slice(0, 2)).toEqual(['Benefits letter', 'Lease copy']);
    expect(titles).not.toContain('State ID');
    expect((mine.body as { records: { kind: string }[] }).records.every((r) => r.kind === 'document')).toBe(
      true,
    );
  });

  it('asks for a sign-in first', async () => {
    const response = await request(ts.url, '/api/portal/documents');
    expect(response.status).toBe(401);
  });
});
