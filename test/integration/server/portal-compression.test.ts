import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTAL_DIR, PORTAL_CSP, registerPortalHost } from '../../../server/portal-host/routes';

/**
 * The built Customer Portal (npm run build) goes out compressed: the build writes a brotli and a
 * gzip copy of every text file, and the server answers with what the browser accepts. Phones on
 * prepaid data download a third of the bytes.
 */
describe('Customer Portal compression', () => {
  let app: FastifyInstance;
  /** Every text file of the build, as the URL path under /portal/ and the file's own bytes. */
  const files: { url: string; path: string; type: RegExp }[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_PORTAL_DIR, 'index.html')))
      throw new Error(`The portal is not built in ${DEFAULT_PORTAL_DIR}: run npm run build first.`);
    files.push({ url: '/portal/', path: 'index.html', type: /^text\/html/ });
    for (const name of readdirSync(join(DEFAULT_PORTAL_DIR, 'assets'))) {
      if (name.endsWith('.js'))
        files.push({ url: `/portal/assets/${name}`, path: `assets/${name}`, type: /javascript/ });
      if (name.endsWith('.css'))
        files.push({ url: `/portal/assets/${name}`, path: `assets/${name}`, type: /^text\/css/ });
    }
    app = Fastify();
    registerPortalHost(app);
    await app.ready();
  });
  afterAll(() => app?.close());

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });
  const original = (path: string) => readFileSync(join(DEFAULT_PORTAL_DIR, path));

  it('has the page, its script and its styles to compress', () => {
    expect(files.filter((f) => f.path.endsWith('.js')).length).toBeGreaterThan(1);
    expect(files.filter((f) => f.path.endsWith('.css')).length).toBeGreaterThan(0);
  });

  it('answers brotli when the browser accepts it, the same bytes once decompressed', async () => {
    for (const file of files) {
      const answer = await get(file.url, 'gzip, deflate, br, zstd');
      expect(answer.statusCode, file.url).toBe(200);
      expect(answer.headers['content-encoding'], file.url).toBe('br');
      expect(answer.headers.vary, file.url).toMatch(/accept-encoding/i);
      expect(answer.headers['content-type'], file.url).toMatch(file.type);
      expect(answer.headers['content-security-policy'], file.url).toBe(PORTAL_CSP);
      const bytes = original(file.path);
      expect(answer.rawPayload.length, file.url).toBeLessThan(bytes.length);
      expect(brotliDecompressSync(answer.rawPayload).equals(bytes), file.url).toBe(true);
    }
  });

  it('answers gzip to a browser without brotli, or that refuses it', async () => {
    for (const file of files)
      for (const accept of ['gzip, deflate', 'br;q=0, gzip']) {
        const answer = await get(file.url, accept);
        expect(answer.headers['content-encoding'], `${file.url} ${accept}`).toBe('gzip');
        expect(answer.headers.vary, file.url).toMatch(/accept-encoding/i);
        expect(answer.headers['content-type'], file.url).toMatch(file.type);
        expect(gunzipSync(answer.rawPayload).equals(original(file.path)), file.url).toBe(true);
      }
  });

  it('answers the file as it is when the browser takes neither', async () => {
    for (const file of files)
      for (const accept of [undefined, 'identity', 'deflate']) {
        const answer = await get(file.url, accept);
        expect(answer.statusCode, file.url).toBe(200);
        expect(answer.headers['content-encoding'], `${file.url} ${accept}`).toBeUndefined();
        // A shared cache must not hand this uncompressed copy to a browser that takes brotli.
        expect(answer.headers.vary, file.url).toMatch(/accept-encoding/i);
        expect(answer.rawPayload.equals(original(file.path)), file.url).toBe(true);
      }
  });

  it('keeps the caching rules: hashed assets for a year, the page checked every time', async () => {
    const script = files.find((f) => f.path.endsWith('.js'));
    if (!script) throw new Error('no script in the build');
    const asset = await get(script.url, 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/portal/', '/portal/messages']) {
      const page = await get(url, 'br');
      expect(page.headers['content-encoding'], url).toBe('br');
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
