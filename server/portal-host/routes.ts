import { existsSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/*
 * Serves the Customer Portal's web app (server/portal/, built by Vite into out/portal) at /portal/.
 * Hashed files under assets/ never change, so browsers keep them for a year; index.html is checked
 * every time (no-cache) so a new build reaches phones on their next visit. Any other path without
 * a file extension is one of the app's own pages and gets index.html (the app routes in the browser).
 * Text files go out compressed as the build made them, brotli or gzip, whichever the browser takes.
 */

export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../out/portal', import.meta.url));

/**
 * Nothing but the app's own files: no inline script or style (React's style props would be
 * refused too, so the app uses class names only), pictures from this server or data: URLs.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Customer Portal not built</title></head>
<body>
<h1>The Customer Portal has not been built</h1>
<p>This agency server has no copy of the portal's web app yet. Build it with <code>npm run build</code>
on the server, then reload this page.</p>
</body>
</html>
`;

function securityHeaders(reply: FastifyReply): void {
  void reply
    .header('content-security-policy', PORTAL_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('permissions-policy', 'camera=(), microphone=(), geolocation=(self)');
}

/** The path of a regular file inside `root` for a request path, or undefined. */
function fileInside(root: string, requested: string): string | undefined {
  const full = resolve(root, requested);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return undefined;
  try {
    return statSync(full).isFile() ? rel.split(sep).join('/') : undefined;
  } catch {
    return undefined;
  }
}

export function registerPortalHost(app: FastifyInstance, portalDir = DEFAULT_PORTAL_DIR): void {
  // Only the reply.sendFile helper: the routes below decide what is served. The build writes a
  // .br and a .gz beside every text file (server/portal/vite.config.ts); preCompressed answers
  // with the best one the browser accepts (else the file as it is) and adds Vary: Accept-Encoding.
  void app.register(fastifyStatic, { root: portalDir, serve: false, preCompressed: true });

  app.get('/portal', (_request, reply) => reply.redirect('/portal/', 301));

  app.get('/portal/*', (request, reply) => {
    securityHeaders(reply);
    // Checked on every request, so building while the server runs needs no restart.
    if (!existsSync(join(portalDir, 'index.html')))
      return reply
        .status(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT_PAGE);
    // The router has already decoded the path.
    const requested = (request.params as { '*'?: string })['*'] ?? '';
    const file = fileInside(portalDir, requested);
    if (file?.startsWith('assets/')) return reply.sendFile(file, { maxAge: '365d', immutable: true });
    if (file && file !== 'index.html')
      return reply.header('cache-control', 'no-cache').sendFile(file, { cacheControl: false });
    // A missing script or picture must not be answered with the page: the browser would try to run it.
    if (!file && extname(requested) !== '')
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('This file is not part of the Customer Portal.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
