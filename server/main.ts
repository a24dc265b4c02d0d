import { startAgencyServer } from './app';
import { loadServerConfig } from './config';

/** `npm run server`: the agency server alone. Flags: --port=, --data-dir=, --database-url=, --seed-demo. */
async function main(): Promise<void> {
  const config = loadServerConfig(process.env, process.argv.slice(2));
  const server = await startAgencyServer(config, { logger: process.env.LOG_REQUESTS === '1' });
  const where =
    server.db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`Portico agency server listening on ${server.url} using ${where}`);
  if (server.seed.seeded) {
    console.log(
      `Loaded demo data: ${server.seed.agencies} agencies, ${server.seed.staff} staff, ${server.seed.clients} clients, ` +
        `${server.seed.portalAccounts} Customer Portal accounts, ${server.seed.conversations} conversations, ` +
        `${server.seed.requests} requests, ${server.seed.records} client records.`,
    );
  }
  const shutdown = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('The agency server could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
