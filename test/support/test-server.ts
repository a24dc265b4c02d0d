import { type AgencyServer, startAgencyServer } from '../../server/app';
import { loadServerConfig, type PortalLimits, type ServerConfig } from '../../server/config';
import type { RateLimits } from '../../server/http/rate-limit';
import type { NudgeOptions } from '../../server/nudges/register';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestServer {
  server: AgencyServer;
  url: string;
  database: TestDatabase;
  config: ServerConfig;
  /** Stops the server and keeps the database, so a new instance can start on it. */
  stop(): Promise<void>;
  /**
   * Starts another instance on the same database (after stop, or beside it). `overrides` change
   * its configuration: another data folder, as a second machine would have.
   */
  startInstance(port?: number, overrides?: Partial<ServerConfig>): Promise<AgencyServer>;
  /** Stops one instance started by startInstance, keeping the database. */
  stopInstance(instance: AgencyServer): Promise<void>;
  /** Stops everything and drops the database. */
  close(): Promise<void>;
}

/** An agency server on a random port with the demo data, on a database of its own. */
export async function startTestServer(
  options: {
    seedDemo?: boolean;
    rateLimits?: Partial<RateLimits>;
    /** Where the server writes its request log (it logs nothing otherwise). */
    logStream?: NodeJS.WritableStream;
    /** Smaller per-client portal limits than the defaults, to reach them in a test. */
    portalLimits?: Partial<PortalLimits>;
    /** Configuration a test needs beyond the defaults (SMTP_URL, SMS_URL, PUBLIC_URL …). */
    config?: Partial<ServerConfig>;
    /** The nudge worker's clock and poll, for tests that live at 10 am or 11 pm. */
    nudges?: NudgeOptions;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const config: ServerConfig = {
    ...loadServerConfig({}),
    port: 0,
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    seedDemo: options.seedDemo ?? true,
    ...options.config,
  };
  config.portalLimits = { ...config.portalLimits, ...options.portalLimits };
  const instances = new Set<AgencyServer>();
  const startInstance = async (port = 0, overrides: Partial<ServerConfig> = {}) => {
    const instance = await startAgencyServer(
      { ...config, port, ...overrides },
      {
        rateLimits: options.rateLimits,
        ...(options.nudges ? { nudges: options.nudges } : {}),
        ...(options.logStream ? { logger: { stream: options.logStream } } : {}),
      },
    );
    instances.add(instance);
    return instance;
  };
  const server = await startInstance();
  return {
    server,
    url: server.url,
    database,
    config,
    async stop() {
      await server.close();
      instances.delete(server);
    },
    startInstance,
    async stopInstance(instance) {
      await instance.close();
      instances.delete(instance);
    },
    async close() {
      for (const instance of instances) await instance.close();
      instances.clear();
      await database.drop();
    },
  };
}

/** Signs a demo staff member in over HTTP and returns their bearer token. */
export async function signIn(url: string, username: string, password = 'Portico#2026'): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}
