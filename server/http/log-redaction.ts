import type { FastifyRequest } from 'fastify';

/*
 * What the request log may say about a request. A Customer Portal invitation token is a key to a
 * client's account while the invitation is pending, and the portal's join API carries it in its
 * path: the log keeps the route's shape and drops the token.
 */

const TOKEN_IN_PATH = /^(\/api\/portal\/invites\/)[^/?#]+/;

export function redactUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1[token]');
}

/** Fastify's request serializer, with the URL redacted. */
export function loggedRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
