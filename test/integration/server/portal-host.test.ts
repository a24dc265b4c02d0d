import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CSP, registerPortalHost } from '../../../server/portal-host/routes';

/** The agency server serving the built Customer Portal at /portal/ (a stand-in build here). */
describe('Customer Portal hosting', () => {
  const root = mkdtempSync(join(tmpdir(), 'portico-portal-host-'));
  const built = join(root, 'built');
  const missing = join(root, 'missing');
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    mkdirSync(join(built, 'assets'), { recursive: true });
    writeFileSync(join(built, 'index.html'), '<!doctype html><title>Portal</title>');
    writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(built, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'secret.txt'), 'not for the web');
    app = Fastify();
    registerPortalHost(app, built);
    unbuilt = Fastify();
    registerPortalHost(unbuilt, missing);
    await Promise.all([app.ready(), unbuilt.ready()]);
  });
  afterAll(async () => {
    await Promise.all([app.close(), unbuilt.close()]);
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, on = app) => on.inject({ method: 'GET', url });

  it('serves the page with no-cache and the strict CSP, for every page path', async () => {
    for (const url of [
      '/portal/',
      '/portal/messages',
      '/portal/messages/0b7c1e5e-1111-4f4f-8888-123456789abc',
      '/portal/join',
    ]) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain('<title>Portal</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toBe(PORTAL_CSP);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(PORTAL_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    const bare = await get('/portal');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/portal/');
  });

  it('keeps hashed assets for a year and other files for no longer than a visit', async () => {
    const asset = await get('/portal/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toContain('javascript');
    const icon = await get('/portal/icon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing file with 404, never with the page, and nothing outside the build', async () => {
    for (const url of [
      '/portal/assets/index-old.js',
      '/portal/favicon.ico',
      '/portal/../secret.txt',
      '/portal/%2e%2e/secret.txt',
      '/portal/..%2fsecret.txt',
    ]) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(404);
      expect(answer.body, url).not.toContain('not for the web');
      expect(answer.body, url).not.toContain('<title>Portal</title>');
    }
  });

  it('says plainly when the portal has not been built', async () => {
    const answer = await get('/portal/', unbuilt);
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.body).toContain('The Customer Portal has not been built');
    expect(answer.body).toContain('npm run build');
    expect(answer.headers['content-security-policy']).toBe(PORTAL_CSP);
  });
});
