import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  /** Connection string of a fresh, empty PostgreSQL database; undefined when tests run on PGlite. */
  databaseUrl: string | undefined;
  /** A fresh data folder for the server (PGlite files, uploads). */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh database per test: a new PostgreSQL database when DATABASE_URL is set (as in CI),
 * otherwise a new PGlite folder. Nothing is shared between tests. The bench makes its scratch
 * database here too (`purpose` 'bench'): it never touches the database the URL names.
 */
export async function createTestDatabase(purpose: 'test' | 'bench' = 'test'): Promise<TestDatabase> {
  const dataDir = mkdtempSync(
    join(tmpdir(), purpose === 'test' ? 'portico-server-' : 'portico-bench-server-'),
  );
  const base = process.env.DATABASE_URL;
  if (!base) {
    return {
      databaseUrl: undefined,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `portico_${purpose}_${randomBytes(6).toString('hex')}`;
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
