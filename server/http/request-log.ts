import type { FastifyServerOptions } from 'fastify';

/*
 * What the request log may show of an address. A portal invitation's token is in its path (the
 * link a client opens): anyone who reads a log line with it could join as that client. Such parts
 * are replaced before anything is written; so is any query parameter that looks like a secret.
 */

/**
 * Paths whose segment after the prefix is a secret: the portal's `/api/portal/invites/:token`, and
 * a nudge email's one-click `/api/nudges/unsubscribe/:token`.
 */
const SECRET_PATH_SEGMENTS = [
  /^(\/api\/portal\/invites\/)[^/?#]+/i,
  /^(\/api\/nudges\/unsubscribe\/)[^/?#]+/i,
];
const SECRET_QUERY_NAMES = /token|secret|password|code|key/i;
const REDACTED = '[redacted]';

/** The address as it may be logged: secret path segments and query values replaced. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1);
  for (const pattern of SECRET_PATH_SEGMENTS) path = path.replace(pattern, `$1${REDACTED}`);
  if (query === '') return path;
  const redactedQuery = query
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A name that does not decode is logged as it came, value hidden.
        return `${name}=${REDACTED}`;
      }
      return SECRET_QUERY_NAMES.test(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${redactedQuery}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * The server's logger options: Fastify's own request line with the address redacted, written to
 * `stream` when given (tests read it) or to standard output. Headers are never logged, so session
 * tokens and cookies stay out too.
 */
export function requestLoggerOptions(stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}
