import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database';
import { requireClient } from '../portal-api/client-sessions';
import { smtpEmailSender } from './email-sender';
import { privacyView } from './privacy-view';
import type { Clock, NudgeServices } from './services';
import { registerNudgeSettingsRoutes } from './settings-routes';
import { twilioCompatibleSender } from './sms-sender';
import { registerNudgeWebhookRoutes } from './webhook-routes';
import { NudgeWorker, type NudgeWorkerOptions } from './worker';

export interface NudgeOptions extends NudgeWorkerOptions {
  /**
   * The time the worker lives in. Only tests pass one (an in-process option of startAgencyServer,
   * never read from the environment or a request), to put the server at 10 am or 11 pm.
   */
  clock?: Clock;
}

interface Logger {
  error(details: object, message: string): void;
}

/** Nudges and the client's privacy page: transports from the configuration, routes, the worker. */
export function registerNudgeFeature(
  app: FastifyInstance,
  db: Database,
  config: ServerConfig,
  ownUrl: () => string,
  log: Logger,
  options: NudgeOptions = {},
): NudgeWorker {
  const services: NudgeServices = {
    email: config.smtpUrl ? smtpEmailSender(config.smtpUrl, config.smtpFrom) : undefined,
    sms: config.sms ? twilioCompatibleSender(config.sms) : undefined,
    smsAuthToken: config.sms?.authToken,
    publicUrl: () => config.publicUrl ?? ownUrl(),
    hasPublicUrl: config.publicUrl !== undefined,
    clock: options.clock ?? (() => new Date()),
  };
  registerNudgeSettingsRoutes(app, db, services);
  registerNudgeWebhookRoutes(app, db, services);
  app.get('/api/portal/privacy', async (request) => {
    const session = await requireClient(db, request);
    return privacyView(db, session.clientId);
  });
  app.addHook('onClose', async () => services.email?.close());
  return new NudgeWorker(db, services, log, options);
}
