import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../support/api';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const NOT_AVAILABLE = 'That file does not exist or is not available to you.';

/** Client photos are served to whoever may see the client, and are "not found" to everyone else. */
describe('GET /api/files/:id', () => {
  let ts: TestServer;
  let ids: string[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    for (const username of ['casey', 'jordan', 'sam']) tokens.set(username, await signIn(ts.url, username));
  });
  afterAll(() => ts.close());

  const token = (username: string) => tokens.get(username) ?? '';

  const photoOf = async (index: number) => {
    const result = await ts.server.db.query<{ id: string; sha256: string; content_type: string }>(
      `SELECT f.id::text AS id, f.sha256, f.content_type FROM clients c JOIN files f ON f.id = c.photo_file_id
        WHERE c.id = $1::uuid`,
      [idAt(ids, index)],
    );
    const photo = result.rows[0];
    if (!photo) throw new Error(`demo client ${index} has no photo`);
    return photo;
  };

  const fetchPhoto = (username: string, fileId: string) =>
    fetch(`${ts.url}/api/files/${fileId}`, { headers: { authorization: `Bearer ${token(username)}` } });

  it.each([
    ['casey', 0, 'her own agency’s client'],
    ['jordan', 2, 'another agency’s shared client'],
    ['jordan', JORDAN_ACTIVE_CARE_TEAM, 'a client whose care team he is on'],
    ['sam', 30, 'any client (system admin)'],
  ])('serves %s the photo of client %i, %s, with its content type', async (username, index) => {
    const photo = await photoOf(index);
    const response = await fetchPhoto(username, photo.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(photo.content_type);
    expect(photo.content_type).toBe('image/svg+xml');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo.sha256);
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('<svg');
  });

  it.each([
    ['jordan', 19, 'another agency’s client that is not shared'],
    ['jordan', 11, 'a client whose care team he has left'],
    ['casey', 30, 'another agency’s client that is not shared'],
  ])('answers %s "not found" for the photo of client %i, %s', async (username, index) => {
    const photo = await photoOf(index);
    const response = await request(ts.url, `/api/files/${photo.id}`, { token: token(username) });
    expect(expectErrorResponse(response, 404)).toEqual({ error: 'not_found', message: NOT_AVAILABLE });
  });

  it('answers an unknown file id exactly as it answers a file the person may not see', async () => {
    const response = await request(ts.url, '/api/files/0b0c9a53-2f1e-4c55-8a7a-0d3f6f1f2a11', {
      token: token('casey'),
    });
    expect(expectErrorResponse(response, 404)).toEqual({ error: 'not_found', message: NOT_AVAILABLE });
  });
});
