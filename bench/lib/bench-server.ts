import { type AgencyServer, startAgencyServer } from '../../server/app';
import { loadServerConfig } from '../../server/config';
import { createTestDatabase } from '../../test/support/test-database';

/**
 * Runs `work` against an agency server on a scratch database of its own (PostgreSQL next to
 * DATABASE_URL's, else PGlite), closed and dropped afterwards. Clients in the bench post far past
 * the portal's per-client limits, which protect staff from a flood and are not what is measured,
 * so those are raised.
 */
export async function withBenchServer<T>(work: (server: AgencyServer) => Promise<T>): Promise<T> {
  const scratch = await createTestDatabase('bench');
  try {
    const server = await startAgencyServer({
      ...loadServerConfig({}),
      port: 0,
      dataDir: scratch.dataDir,
      databaseUrl: scratch.databaseUrl,
      seedDemo: false,
      portalLimits: {
        messagesPerMinute: 1_000_000,
        messagesPerDay: 1_000_000,
        storageQuotaBytes: 500 * 1024 * 1024,
      },
    });
    try {
      return await work(server);
    } finally {
      await server.close();
    }
  } finally {
    await scratch.drop();
  }
}
