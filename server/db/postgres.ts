import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database';
import { TYPE_PARSERS } from './database';

const typeOverrides = {
  getTypeParser(oid: number, format?: string) {
    const parser = TYPE_PARSERS[oid];
    if (parser && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

/** A statement's name on every connection: the same text always gets the same name. */
function statementName(sql: string): string {
  return `portico_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
}

function wrap(client: pg.Pool | pg.PoolClient, prepare = false): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const name = prepare ? statementName(sql) : undefined;
      const result = await client.query({
        name,
        text: sql,
        values: params as unknown[],
        types: typeOverrides,
      });
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
  };
}

const RECONNECT_DELAY_MS = 1000;

export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle pooled connection dropped by the database (restart, admin kill) is replaced on next
  // use; without a listener the pool's 'error' event would crash the whole server.
  pool.on('error', (error) => console.error('PostgreSQL dropped an idle connection:', error.message));
  // Fail fast with the driver's own message when the server is unreachable.
  await pool.query('SELECT 1');
  const listeners = new Set<{ closed: boolean; client: pg.Client | null }>();
  const root = wrap(pool);

  return {
    kind: 'postgres',
    query: root.query,
    prepared: wrap(pool, true),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify, onReconnect) {
      // LISTEN needs a connection of its own that outlives any query; it is re-made when lost.
      const state: { closed: boolean; client: pg.Client | null } = { closed: false, client: null };
      listeners.add(state);
      const connect = async (isReconnect: boolean): Promise<void> => {
        const client = new pg.Client({ connectionString });
        client.on('notification', (message) => {
          if (message.channel === channel) onNotify(message.payload ?? '');
        });
        client.on('error', () => {
          if (state.closed) return;
          state.client = null;
          client.end().catch(() => undefined);
          setTimeout(() => void retry(), RECONNECT_DELAY_MS);
        });
        await client.connect();
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        state.client = client;
        if (isReconnect) onReconnect?.();
      };
      const retry = async (): Promise<void> => {
        if (state.closed) return;
        try {
          await connect(true);
        } catch {
          setTimeout(() => void retry(), RECONNECT_DELAY_MS);
        }
      };
      await connect(false);
      return async () => {
        state.closed = true;
        listeners.delete(state);
        await state.client?.end().catch(() => undefined);
      };
    },
    async close() {
      for (const state of listeners) {
        state.closed = true;
        await state.client?.end().catch(() => undefined);
      }
      listeners.clear();
      await pool.end();
    },
  };
}
