import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ScratchDatabase {
  /** A new, empty PostgreSQL database; undefined on PGlite. */
  databaseUrl: string | undefined;
  /** The server's data folder (the PGlite files, uploads). */
  dataDir: string;
  /** Drops the database and removes the folder. */
  drop(): Promise<void>;
}

/**
 * Where a bench run keeps its data: a scratch PostgreSQL database when DATABASE_URL is set (made
 * from it, dropped afterwards, so the bench never touches the database the URL names), else a new
 * PGlite folder.
 */
export async function openScratchDatabase(): Promise<ScratchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-server-'));
  const base = process.env.DATABASE_URL;
  if (!base) {
    return {
      databaseUrl: undefined,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `portico_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
