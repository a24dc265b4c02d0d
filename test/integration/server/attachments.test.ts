import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import { expectStatus, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn, sendAsStaffOk } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { pngBytes, upload } from '../../support/uploads';

const NOT_AVAILABLE = 'That image does not exist or is not available to you.';

describe('message pictures', () => {
  let ts: TestServer;
  let ids: string[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    for (const username of ['casey', 'priya', 'jordan', 'sam'])
      tokens.set(username, await signIn(ts.url, username));
    for (const username of ['marcus', 'aaliyah', 'tyrone', 'amara'])
      tokens.set(username, await portalSignIn(ts.url, username));
  });
  afterAll(() => ts.close());

  const token = (who: string) => tokens.get(who) ?? '';

  const uploadPng = async (
    who: string,
    size = 64,
  ): Promise<{ id: string; url: string; bytes: Uint8Array }> => {
    const bytes = pngBytes(size);
    const response = await upload(ts.url, bytes, { token: token(who), contentType: 'image/png' });
    expectStatus(response, 201);
    return { ...(response.body as { id: string; url: string }), bytes };
  };

  const fetchAs = (who: string, url: string) => request(ts.url, url, { token: token(who) });

  /** Nothing written: no row, no sequence drawn, and no file (or partial file) left in the store. */
  const expectNothingStored = async (attempt: () => Promise<void>) => {
    const before = await snapshotDatabase(ts.server.db);
    const filesBefore = await ts.server.files.list();
    await attempt();
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    expect((await ts.server.files.list()).sort()).toEqual(filesBefore.sort());
  };

  describe('upload', () => {
    it('stores a picture and serves its bytes back with its type', async () => {
      const { id, url, bytes } = await uploadPng('casey', 5000);
      expect(url).toBe(`/api/attachments/${id}`);
      const response = await fetch(`${ts.url}${url}`, {
        headers: { authorization: `Bearer ${token('casey')}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const served = new Uint8Array(await response.arrayBuffer());
      expect(createHash('sha256').update(served).digest('hex')).toBe(
        createHash('sha256').update(bytes).digest('hex'),
      );
      const row = await ts.server.db.query<{ kind: string; byte_size: number; created_by: string }>(
        'SELECT kind, byte_size, created_by::text AS created_by FROM files WHERE id = $1::uuid',
        [id],
      );
      expect(row.rows[0]).toMatchObject({ kind: 'attachment', byte_size: 5000 });
    });

    it('accepts exactly 25MB', async () => {
      const { id } = await uploadPng('casey', MAX_UPLOAD_BYTES);
      const row = await ts.server.db.query<{ byte_size: number }>(
        'SELECT byte_size FROM files WHERE id = $1::uuid',
        [id],
      );
      expect(row.rows[0]?.byte_size).toBe(MAX_UPLOAD_BYTES);
    });

    it('refuses one byte more, says so in the product’s words, and keeps nothing', async () => {
      await expectNothingStored(async () => {
        const response = await upload(ts.url, pngBytes(MAX_UPLOAD_BYTES + 1), {
          token: token('casey'),
          contentType: 'image/png',
        });
        expect(expectErrorResponse(response, 413).message).toBe(PRODUCT_TEXTS.invalidFileSize);
      });
    });

    it('counts the bytes as they stream when the size is not declared', async () => {
      await expectNothingStored(async () => {
        const response = await upload(ts.url, pngBytes(MAX_UPLOAD_BYTES + 1), {
          token: token('casey'),
          contentType: 'image/png',
          chunked: 1 << 20,
        });
        expect(expectErrorResponse(response, 413).message).toBe(
          'Invalid file size. The total of all files must be less than or equal to 25MB.',
        );
      });
      // Exactly the limit, streamed, still passes.
      const response = await upload(ts.url, pngBytes(MAX_UPLOAD_BYTES), {
        token: token('casey'),
        contentType: 'image/png',
        chunked: 1 << 20,
      });
      expectStatus(response, 201);
    });

    it('refuses bytes that are not the picture type they were sent as', async () => {
      await expectNothingStored(async () => {
        const asJpeg = await upload(ts.url, pngBytes(2000), {
          token: token('casey'),
          contentType: 'image/jpeg',
        });
        expectErrorResponse(asJpeg, 415);
        const text = new TextEncoder().encode('<svg onload="alert(1)"></svg> pretending to be a GIF');
        expectErrorResponse(
          await upload(ts.url, text, { token: token('casey'), contentType: 'image/gif' }),
          415,
        );
        expectErrorResponse(
          await upload(ts.url, new Uint8Array(0), { token: token('casey'), contentType: 'image/png' }),
          415,
        );
      });
    });

    it('takes only PNG, JPEG, GIF and WebP, and only from signed-in staff', async () => {
      await expectNothingStored(async () => {
        for (const contentType of ['application/pdf', 'image/svg+xml', 'text/html', 'application/json']) {
          const response = await upload(ts.url, pngBytes(100), { token: token('casey'), contentType });
          expectErrorResponse(response, 415);
        }
        expectErrorResponse(
          await upload(ts.url, pngBytes(100), { token: 'bogus', contentType: 'image/png' }),
          401,
        );
        // A portal client may not upload through the staff endpoint.
        expectErrorResponse(
          await upload(ts.url, pngBytes(100), { token: token('marcus'), contentType: 'image/png' }),
          401,
        );
      });
    });
  });

  describe('who may see a picture', () => {
    it('is its uploader’s agency and a system admin until a message shows it', async () => {
      const { url } = await uploadPng('casey');
      expectStatus(await fetchAs('priya', url), 200);
      expectStatus(await fetchAs('sam', url), 200);
      for (const who of ['jordan', 'marcus', 'aaliyah']) {
        expect(expectErrorResponse(await fetchAs(who, url), 404).message).toBe(NOT_AVAILABLE);
      }
    });

    it('is whoever may read a message that shows it, including the client', async () => {
      const { url } = await uploadPng('casey');
      // Client 0 (Marcus) is Harbor's and shared, so jordan may read casey's messages to him.
      await sendAsStaffOk(ts.url, token('casey'), {
        clientId: idAt(ids, 0),
        html: `<p>Your map:</p><img src="${url}" alt="map">`,
      });
      expectStatus(await fetchAs('jordan', url), 200);
      expectStatus(await fetchAs('marcus', url), 200);
      expectErrorResponse(await fetchAs('aaliyah', url), 404);
    });

    it('stays within the agency when the message is private', async () => {
      const clientId = idAt(ids, 4);
      // Tyrone's conversation with casey, made private.
      await ts.server.db.query('UPDATE threads SET private = true WHERE client_id = $1::uuid', [clientId]);
      await ts.server.db.query('UPDATE messages SET private = true WHERE client_id = $1::uuid', [clientId]);
      const { url } = await uploadPng('casey');
      const sent = await sendAsStaffOk(ts.url, token('casey'), { clientId, html: `<img src="${url}">` });
      expect(sent.message.private).toBe(true);
      expectStatus(await fetchAs('tyrone', url), 200);
      expectStatus(await fetchAs('sam', url), 200);
      expectErrorResponse(await fetchAs('jordan', url), 404);
    });

    it('cannot be reached by putting its address in a message of one’s own', async () => {
      const { id, url } = await uploadPng('casey');
      // Jordan writes to his own client Amara with casey's picture in it.
      const sent = await sendAsStaffOk(ts.url, token('jordan'), {
        clientId: idAt(ids, 31),
        html: `<p>Look</p><img src="${url}">`,
      });
      expect(sent.message.bodyHtml).toContain(url);
      const recorded = await ts.server.db.query(
        'SELECT 1 FROM message_attachments WHERE file_id = $1::uuid',
        [id],
      );
      expect(recorded.rows).toEqual([]);
      expectErrorResponse(await fetchAs('jordan', url), 404);
      expectErrorResponse(await fetchAs('amara', url), 404);
    });

    it('answers unknown ids, client photos and bad ids without telling them apart', async () => {
      const photo = await ts.server.db.query<{ id: string }>(
        'SELECT photo_file_id::text AS id FROM clients WHERE photo_file_id IS NOT NULL LIMIT 1',
      );
      const unknown = await fetchAs('casey', '/api/attachments/0b0c9a53-2f1e-4c55-8a7a-0d3f6f1f2a11');
      const aPhoto = await fetchAs('sam', `/api/attachments/${photo.rows[0]?.id}`);
      expect(expectErrorResponse(unknown, 404)).toEqual(expectErrorResponse(aPhoto, 404));
      expectErrorResponse(await fetchAs('casey', '/api/attachments/not-a-uuid'), 400);
      expectErrorResponse(
        await request(ts.url, '/api/attachments/0b0c9a53-2f1e-4c55-8a7a-0d3f6f1f2a11'),
        401,
      );
    });
  });
});
