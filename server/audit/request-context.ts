import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where a request came from, for the audit log's "from where". */
export interface RequestOrigin {
  ip: string;
  userAgent: string;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

const MAX_USER_AGENT = 300;

export function originOf(request: FastifyRequest): RequestOrigin {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? '', userAgent: typeof agent === 'string' ? agent.slice(0, MAX_USER_AGENT) : '' };
}

/**
 * Makes the request's origin available to everything its handler calls, so code deep in a
 * replication push can write an audit entry without every function in between passing the request
 * along. Entered in preHandler, after the body is parsed: body parsing runs in the request
 * stream's own async context, which would lose a store entered earlier.
 */
export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    storage.run(originOf(request), done);
  });
}

/** The current request's origin; empty outside a request (background workers, sweeps). */
export function currentOrigin(): RequestOrigin {
  return storage.getStore() ?? { ip: '', userAgent: '' };
}

/** Runs `work` as if for a request from `origin` (code that runs before preHandler, such as hooks). */
export function withOrigin<T>(origin: RequestOrigin, work: () => T): T {
  return storage.run(origin, work);
}
