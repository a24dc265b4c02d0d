import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAdminUserRoutes } from './admin/user-routes';
import { registerRequestContext } from './audit/request-context';
import { registerAuditRoutes } from './audit/routes';
import { sweepSignInBookkeeping } from './auth/lockout';
import { registerPasswordRoutes } from './auth/password-routes';
import { registerAuthRoutes } from './auth/routes';
import { registerTotpRoutes } from './auth/totp-routes';
import { sweepCareTeamTransitions } from './authz/care-team-sweeper';
import type { ServerConfig } from './config';
import type { Database } from './db/database';
import { openDatabase } from './db/open-database';
import { adoptFolderFiles } from './files/adopt-folder-files';
import { registerAttachmentRoutes } from './files/attachment-routes';
import type { FileStore } from './files/file-store';
import { filesFolder, openFileStore } from './files/open-file-store';
import { sweepAbandonedUploads } from './files/postgres-store';
import { registerFileRoutes } from './files/routes';
import { handleError, notFound } from './http/errors';
import { answerFrameworkError } from './http/framework-errors';
import { PostgresHitCounter } from './http/postgres-hit-counter';
import {
  DEFAULT_RATE_LIMITS,
  memoryHitCounters,
  type RateLimits,
  registerRateLimits,
} from './http/rate-limit';
import { requestLoggerOptions } from './http/request-log';
import { registerBodyLimits, registerSecurityHeaders } from './http/security-headers';
import { registerMassSendRoutes } from './mass-send/routes';
import { MassSendWorker, type MassSendWorkerOptions } from './mass-send/worker';
import { registerMessagingRoutes } from './messaging/routes';
import { type NudgeOptions, registerNudgeFeature } from './nudges/register';
import type { NudgeWorker } from './nudges/worker';
import { registerPortalAuthRoutes } from './portal-api/auth-routes';
import { registerPortalDocumentListRoutes } from './portal-api/document-list-routes';
import { registerPortalRoutes } from './portal-api/routes';
import { registerPortalHost } from './portal-host/routes';
import { registerPortalJoinRoutes } from './portal-invites/join-routes';
import { InviteLinkSealer, loadInviteLinkKey } from './portal-invites/link-sealer';
import { registerPortalConnectionRoutes } from './portal-invites/staff-routes';
import { ChangeFeed } from './replication/change-feed';
import { COLLECTION_HANDLERS } from './replication/collections';
import { LiveHub } from './replication/live-hub';
import { registerReplicationRoutes } from './replication/routes';
import { registerRequestFeatures } from './requests/register';
import { sweepExpiredRequests } from './requests/request-sweeper';
import { type DemoSeedSummary, NOTHING_SEEDED, seedDemoData } from './seed/demo-seed';
import { registerSharingRoutes } from './sharing/routes';

const SWEEP_INTERVAL_MS = 60_000;

/** A route as registered, for tests that must cover every endpoint (the fuzz test). */
export interface RegisteredRoute {
  method: string;
  url: string;
  bodyLimit: number | undefined;
}

export interface AgencyServer {
  app: FastifyInstance;
  /** Every route, collected as it was registered. */
  routes: RegisteredRoute[];
  db: Database;
  files: FileStore;
  feed: ChangeFeed;
  seed: DemoSeedSummary;
  /** Sends email and text nudges; tests run its rounds directly. */
  nudges: NudgeWorker;
  /** The address it listens on, once `listen` resolved. */
  url: string;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, seeds when asked, and starts listening. */
export async function startAgencyServer(
  config: ServerConfig,
  options: {
    /** Log every request (secrets in addresses redacted): to standard output, or to a stream given. */
    logger?: boolean | { stream: NodeJS.WritableStream };
    massSend?: MassSendWorkerOptions;
    rateLimits?: Partial<RateLimits>;
    nudges?: NudgeOptions;
  } = {},
): Promise<AgencyServer> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: join(config.dataDir, 'pglite'),
  });
  const files = await openFileStore(config.fileStore, db, config.dataDir);
  const seed = config.seedDemo ? await seedDemoData(db, files) : NOTHING_SEEDED;
  await sweepCareTeamTransitions(db);
  await sweepExpiredRequests(db);

  const allTables = [
    ...new Set(Object.values(COLLECTION_HANDLERS).flatMap((handler) => handler.sourceTables)),
  ];
  const feed = new ChangeFeed(db, allTables);
  await feed.start();
  // Reads each batch of changes once and routes it to this instance's live streams.
  const hub = new LiveHub(db, feed);
  await hub.start();

  const app = Fastify({
    logger:
      options.logger === undefined || options.logger === false
        ? false
        : requestLoggerOptions(options.logger === true ? undefined : options.logger.stream),
    bodyLimit: 8 * 1024 * 1024,
    frameworkErrors: answerFrameworkError,
  });
  // Every endpoint takes JSON. Fastify also parses text/plain by default, which would hand a
  // string to the JSON schemas; without that parser such bodies get the clear 415 instead.
  app.removeContentTypeParser('text/plain');
  const adopted = await adoptFolderFiles(db, filesFolder(config.dataDir), files, app.log);
  if (adopted > 0) app.log.info({ adopted }, 'files moved from the data folder to the shared store');
  app.setErrorHandler(handleError);
  // Before any route: these hooks apply to every route registered after them.
  const routes: RegisteredRoute[] = [];
  registerBodyLimits(app);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, bodyLimit: route.bodyLimit });
  });
  registerSecurityHeaders(app);
  registerRequestContext(app);
  // Counted in the database when several instances may share it; in memory on PGlite.
  registerRateLimits(
    app,
    { ...DEFAULT_RATE_LIMITS, ...config.rateLimits, ...options.rateLimits },
    db.kind === 'postgres' ? (name, rule) => new PostgresHitCounter(db, name, rule) : memoryHitCounters,
  );
  app.setNotFoundHandler((request, reply) => {
    handleError(
      notFound(`Nothing is served at ${request.method} ${request.url.split('?')[0]}.`),
      request,
      reply,
    );
  });
  app.get('/healthz', async () => ({ status: 'ok', database: db.kind }));
  registerAuthRoutes(app, db, config.sessionTtlMs);
  registerPasswordRoutes(app, db);
  registerTotpRoutes(app, db);
  registerAdminUserRoutes(app, db);
  registerAuditRoutes(app, db);
  registerReplicationRoutes(app, db, feed, hub);
  registerFileRoutes(app, db, files);
  registerMessagingRoutes(app, db);
  registerAttachmentRoutes(app, db, files);
  registerPortalAuthRoutes(app, db, config.sessionTtlMs);
  registerPortalRoutes(app, db, config.portalLimits);
  registerPortalDocumentListRoutes(app, db);
  registerSharingRoutes(app, db);
  registerRequestFeatures(app, db, files, config.portalLimits);
  registerPortalConnectionRoutes(
    app,
    db,
    config.publicUrl,
    new InviteLinkSealer(loadInviteLinkKey(config.inviteLinkKey, config.dataDir)),
  );
  registerPortalJoinRoutes(app, db, config.sessionTtlMs);
  registerPortalHost(app);
  const massSends = new MassSendWorker(db, app.log, options.massSend);
  registerMassSendRoutes(app, db, massSends);
  let ownUrl = `http://${config.host}:${config.port}`;
  const nudges = registerNudgeFeature(app, db, config, () => ownUrl, app.log, options.nudges);

  const sweeper = setInterval(() => {
    sweepCareTeamTransitions(db).catch((error: unknown) =>
      app.log.error({ err: error }, 'care team sweep failed'),
    );
    sweepExpiredRequests(db).catch((error: unknown) =>
      app.log.error({ err: error }, 'request expiry sweep failed'),
    );
    sweepSignInBookkeeping(db).catch((error: unknown) =>
      app.log.error({ err: error }, 'sign-in lock-out sweep failed'),
    );
    if (files.kind === 'postgres')
      sweepAbandonedUploads(db).catch((error: unknown) =>
        app.log.error({ err: error }, 'abandoned upload sweep failed'),
      );
  }, SWEEP_INTERVAL_MS);

  const address = await app.listen({ host: config.host, port: config.port });
  // Jobs a stopped or crashed instance left open resume here (or on another instance) now.
  await massSends.start();
  ownUrl = address.replace('[::1]', 'localhost');
  nudges.start();
  const server: AgencyServer = {
    app,
    routes,
    db,
    files,
    feed,
    seed,
    nudges,
    url: address.replace('[::1]', 'localhost'),
    async close() {
      clearInterval(sweeper);
      hub.stop();
      await feed.stop();
      await app.close();
      await massSends.stop();
      await nudges.stop();
      await files.close();
      await db.close();
    },
  };
  return server;
}
