import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors';

/*
 * The portal's web app keeps its session in an HttpOnly cookie, out of reach of any script on the
 * page, instead of a token in storage. Bearer tokens keep working for everything else (tests,
 * scripts). Because a browser attaches cookies on its own, a request authenticated by the cookie
 * that changes something must also carry PORTAL_CSRF_HEADER: a form on another site cannot set a
 * custom header, and SameSite=Strict already keeps the cookie off cross-site requests.
 */

export const PORTAL_COOKIE = 'portico_portal';
export const PORTAL_CSRF_HEADER = 'x-portico-portal';

/**
 * Path=/api, not /api/portal: message pictures are served at /api/attachments/:id, and an <img>
 * in a message can only send what the browser attaches, so the cookie must cover that path too.
 * Staff endpoints ignore it (they read only bearer tokens), and the web app's own files under
 * /portal/ never receive it.
 */
const COOKIE_PATH = '/api';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_REFUSED = new HttpError(
  403,
  'missing_portal_header',
  'This request did not come from the Customer Portal page. Reload the page and try again.',
);

/** The portal session token from the request's cookie, if any. */
export function portalCookieToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== PORTAL_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    // Tokens are base64url; anything else is not one of ours.
    return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** Refuses a cookie-authenticated request that changes something without the portal's header. */
export function checkPortalCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers[PORTAL_CSRF_HEADER] !== '1') throw CSRF_REFUSED;
}

function cookieAttributes(request: FastifyRequest): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict${secure}`;
}

/** Sets the session cookie to last exactly as long as the session may. */
export function setPortalCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  void reply.header(
    'set-cookie',
    `${PORTAL_COOKIE}=${token}; Max-Age=${maxAge}; ${cookieAttributes(request)}`,
  );
}

export function clearPortalCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', `${PORTAL_COOKIE}=; Max-Age=0; ${cookieAttributes(request)}`);
}
