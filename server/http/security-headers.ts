import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';

/*
 * Headers every answer carries unless its route set its own (the portal's pages have their own
 * CSP, file downloads a sandboxing one): nothing the server sends may be framed, sniffed into
 * another type, leak its address in a Referer, or be read by another origin.
 */

/** For API answers (JSON): nothing may run, load or frame. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': API_CSP,
};

/** Only over https: a browser that saw it over http would be told nothing true. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Every security header for an answer to `request`, for answers written outside Fastify (SSE). */
export function securityHeadersFor(request: FastifyRequest): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    ...(request.protocol === 'https' ? { 'strict-transport-security': HSTS } : {}),
  };
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeadersFor(request))) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
    // API answers carry client records: no browser or proxy keeps a copy unless a route says so.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    return payload;
  });
}

/*
 * Body-size limits per route. JSON bodies are small; a few carry message HTML (up to 2,000,000
 * characters with inline pictures), a mass send's recipients (up to 20,000 ids), a replication
 * push (up to 1,000 documents), an assessment definition (100 fields of 50 options) or its answers
 * (100 answers of up to 20,000 characters). File uploads
 * are streamed and counted against the product's 25MB by their own code (files/), so Fastify's
 * body limit does not apply to them and is left alone there.
 */
export const JSON_BODY_LIMIT = 256 * 1024;
export const LARGE_JSON_BODY_LIMIT = 8 * 1024 * 1024;

const LARGE_JSON_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/messages',
  'POST /api/portal/messages',
  'POST /api/portal/threads/:id/messages',
  'POST /api/mass-sends',
  'POST /api/replication/:collection/push',
  'POST /api/admin/assessments',
  'PATCH /api/admin/assessments/:id',
  'POST /api/portal/requests/:id/assessment',
]);

export const STREAMED_UPLOAD_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/attachments',
  'POST /api/clients/:clientId/documents',
  'POST /api/portal/requests/:id/documents',
  'POST /api/portal/documents',
]);

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

/** Gives each route its limit as it is registered (call before any route is). */
export function registerBodyLimits(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.bodyLimit !== undefined) return;
    const keys = methodsOf(route).map((method) => `${method} ${route.url}`);
    if (keys.some((key) => STREAMED_UPLOAD_ROUTES.has(key))) return;
    route.bodyLimit = keys.some((key) => LARGE_JSON_ROUTES.has(key))
      ? LARGE_JSON_BODY_LIMIT
      : JSON_BODY_LIMIT;
  });
}
