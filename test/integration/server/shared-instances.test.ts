import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyServer } from '../../../server/app';
import { parseFileStoreUrl } from '../../../server/files/file-store-url';
import { filesFolder } from '../../../server/files/open-file-store';
import { CHUNK_BYTES } from '../../../server/files/postgres-store';
import { type ApiResponse, expectStatus, request } from '../../support/api';
import { expectErrorResponse } from '../../support/expect-error';
import { startS3Server, type TestS3Server } from '../../support/s3-server';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { pngBytes, upload } from '../../support/uploads';
import { waitUntil } from '../../support/wait';

/*
 * Several server machines on one PostgreSQL database: each instance has its own data folder (as
 * separate machines do), yet a file uploaded through one is served by the other, and sign-in
 * limits and lock-outs hold whichever instance answers. Only meaningful on PostgreSQL: PGlite
 * lives inside one process.
 */

/** A seeded server takes a while to start on a busy machine. */
const SERVER_START_MS = 180_000;

async function download(url: string, token: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A second machine: another instance on the same database, with a data folder of its own. */
async function secondMachine(ts: TestServer, folders: string[]): Promise<AgencyServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-second-machine-'));
  folders.push(dataDir);
  return ts.startInstance(0, { dataDir, seedDemo: false });
}

describe.runIf(process.env.DATABASE_URL)('files shared by two server instances', () => {
  let s3: TestS3Server;
  const folders: string[] = [];
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(async () => {
    await s3.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  describe.each([
    ['PostgreSQL', () => undefined],
    ['an S3-compatible bucket', () => s3.fileStoreUrl('instances')],
  ])('kept in %s', (_name, fileStoreUrl) => {
    let ts: TestServer;
    let second: AgencyServer;
    let casey: string;
    beforeAll(async () => {
      ts = await startTestServer({ config: { fileStore: parseFileStoreUrl(fileStoreUrl()) } });
      second = await secondMachine(ts, folders);
      casey = await signIn(ts.url, 'casey');
    }, SERVER_START_MS);
    afterAll(() => ts.close());

    it('serves a picture uploaded through one instance from the other, both ways', async () => {
      const first = pngBytes(3 * CHUNK_BYTES + 77);
      const viaFirst = await upload(ts.url, first, { token: casey, contentType: 'image/png' });
      expectStatus(viaFirst, 201);
      const fromSecond = await download(`${second.url}${(viaFirst.body as { url: string }).url}`, casey);
      expect(fromSecond.status).toBe(200);
      expect(sha(fromSecond.bytes)).toBe(sha(first));

      const other = pngBytes(5000);
      const viaSecond = await upload(second.url, other, { token: casey, contentType: 'image/png' });
      expectStatus(viaSecond, 201);
      const fromFirst = await download(`${ts.url}${(viaSecond.body as { url: string }).url}`, casey);
      expect(fromFirst.status).toBe(200);
      expect(sha(fromFirst.bytes)).toBe(sha(other));

      // Neither machine kept them in its own folder.
      for (const dataDir of [ts.config.dataDir, folders.at(-1) ?? '']) {
        const folder = filesFolder(dataDir);
        expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
      }
    });

    it('keeps nothing of an upload whose sender went away part way', async () => {
      const before = await ts.server.files.list();
      const db = ts.server.db;
      const unfinished = async () =>
        (
          await db.query<{ count: number }>(
            'SELECT count(*)::int AS count FROM file_objects WHERE NOT complete',
          )
        ).rows[0]?.count ?? 0;
      // Declares 20 MB, sends 7 MB (more than one S3 part), then the connection drops (a phone
      // losing its signal) while the store is part way through writing it.
      const req = httpRequest(`${second.url}/api/attachments`, {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${casey}`,
          'content-type': 'image/png',
          'content-length': String(20 * 1024 * 1024),
        },
      });
      const closed = new Promise<void>((resolve) => {
        req.on('error', () => resolve());
        req.on('close', () => resolve());
      });
      await new Promise<void>((resolve) => req.write(pngBytes(7 * 1024 * 1024), () => resolve()));
      if (ts.server.files.kind === 'postgres')
        await waitUntil(async () => (await unfinished()) > 0, 'the upload to be part way into the store');
      else await new Promise((resolve) => setTimeout(resolve, 500));
      req.destroy();
      await closed;

      await waitUntil(
        async () => (await ts.server.files.list()).length === before.length,
        'the interrupted upload to be discarded',
      );
      expect(await ts.server.files.list()).toEqual(before);
      expect(await unfinished()).toBe(0);
      const orphans = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM file_chunks c
          WHERE NOT EXISTS (SELECT 1 FROM file_objects o WHERE o.storage_key = c.storage_key AND o.complete)`,
      );
      expect(orphans.rows[0]?.count).toBe(0);
    });
  });
});

describe.runIf(process.env.DATABASE_URL)('a server that kept files in its folder', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ config: { fileStore: parseFileStoreUrl('folder') } });
  }, SERVER_START_MS);
  afterAll(() => ts.close());

  it('moves them into the shared store when it starts with one, under the same keys', async () => {
    const casey = await signIn(ts.url, 'casey');
    const picture = pngBytes(2 * CHUNK_BYTES + 5);
    const uploaded = await upload(ts.url, picture, { token: casey, contentType: 'image/png' });
    expectStatus(uploaded, 201);
    // The demo's portraits and documents, and the picture: those the database refers to move.
    const inFolder = await ts.server.files.list();
    const referenced = await ts.server.db.query<{ storage_key: string }>('SELECT storage_key FROM files');
    const keys = referenced.rows.map((row) => row.storage_key).sort();
    expect(keys.length).toBeGreaterThan(1);
    expect(inFolder).toEqual(expect.arrayContaining(keys));
    await ts.stop();

    // The same machine, now with the default store of a shared database: PostgreSQL.
    const restarted = await ts.startInstance(0, { fileStore: undefined, seedDemo: false });
    expect(restarted.files.kind).toBe('postgres');
    expect(await restarted.files.list()).toEqual(keys);
    const served = await download(`${restarted.url}${(uploaded.body as { url: string }).url}`, casey);
    expect(served.status).toBe(200);
    expect(sha(served.bytes)).toBe(sha(picture));
    const folder = filesFolder(ts.config.dataDir);
    // Files nobody refers to are left where they were.
    const unreferenced = inFolder.filter((name) => !keys.includes(name));
    expect(readdirSync(folder).sort()).toEqual([...unreferenced, 'moved-to-shared-store'].sort());
    expect(readdirSync(join(folder, 'moved-to-shared-store')).sort()).toEqual(keys);
  });
});

describe.runIf(process.env.DATABASE_URL)('sign-in limits shared by two server instances', () => {
  let ts: TestServer;
  let second: AgencyServer;
  const folders: string[] = [];
  beforeAll(async () => {
    ts = await startTestServer();
    second = await secondMachine(ts, folders);
  }, SERVER_START_MS);
  afterAll(async () => {
    await ts.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const login = (url: string, username: string, password: string): Promise<ApiResponse> =>
    request(url, '/api/auth/login', { method: 'POST', json: { username, password } });

  it('holds a lock-out made through one instance on the other', async () => {
    for (let attempt = 1; attempt <= 4; attempt++)
      expectErrorResponse(await login(attempt % 2 ? ts.url : second.url, 'priya', 'wrong'), 401);
    expectErrorResponse(await login(ts.url, 'priya', 'wrong'), 423);
    expect(expectErrorResponse(await login(second.url, 'priya', 'Portico#2026'), 423).error).toBe(
      'account_locked',
    );
  });

  it('refuses the 61st sign-in from one address in a minute, whichever instance answers', async () => {
    // The lock-out test above made 6 attempts from this address; the rest of the 60 alternate.
    const used = 6;
    for (let attempt = used + 1; attempt <= 60; attempt++) {
      const via = attempt % 2 ? ts.url : second.url;
      expectErrorResponse(await login(via, `nobody-${attempt}`, 'wrong'), 401);
    }
    for (const via of [ts.url, second.url]) {
      const refused = await login(via, 'casey', 'Portico#2026');
      expect(expectErrorResponse(refused, 429).error).toBe('rate_limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  }, 120_000);
});
