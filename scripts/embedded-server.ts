import { type AgencyServer, startAgencyServer } from '../server/app';
import { loadServerConfig } from '../server/config';
import { buildPortal } from './build-renderer';

/**
 * The agency server as `npm start` and `npm run start:browser` run it: configured like
 * `npm run server` (PORT, DATABASE_URL, DATA_DIR), with the demo agencies loaded into an empty
 * database and the Customer Portal freshly built.
 */
export async function startEmbeddedServer(): Promise<AgencyServer> {
  buildPortal();
  const config = { ...loadServerConfig(process.env, process.argv.slice(2)), seedDemo: true };
  const server = await startAgencyServer(config);
  const where =
    server.db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`Agency server: ${server.url} (${where})`);
  if (server.seed.seeded) console.log('Loaded the demo agencies, staff and clients.');
  return server;
}
