import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SessionUser } from '../../shared/domain/session';
import type { ClientDoc, ReplicatedCollection, ThreadDoc } from '../../shared/replication/documents';
import { percentile, timed } from '../lib/stats';
import { firstNames, lastNames } from '../world/names';
import { pick, seededRandom } from '../world/seeded-random';
import { cacheLocation, collectionTable, openCacheFile } from './cache-file';
import type { SyncedCache } from './open-synced-cache';

export interface Percentiles {
  p50: number;
  p99: number;
}

export interface QueryTimings {
  inbox: Percentiles;
  inboxFloor: Percentiles;
  search: Percentiles;
  searchFloor: Percentiles;
}

/** What the renderer asks for: the Inbox shows the latest 50 threads; search lists up to 100 clients. */
const INBOX_LIMIT = 50;
const SEARCH_LIMIT = 100;

/**
 * Name prefixes of one to three letters, as staff type them, from the generator's own names:
 * one letter matches hundreds of clients, three letters a handful.
 */
export function searchPrefixes(seed: number, count: number): string[] {
  const random = seededRandom(seed + 7);
  const names = [...firstNames(seed).keys, ...lastNames(seed).keys];
  return Array.from({ length: count }, (_, i) => pick(random, names).slice(0, 1 + (i % 3)));
}

/**
 * The floor of the local queries: the same answers from plain SQLite tables (one indexed SELECT,
 * JSON.parse of each row) in a file encrypted and cached like the cache (same cipher, 16MB page
 * cache), with the rows in the cache's order, so both pay the same for pages they have not read yet.
 */
class PlainTables {
  private readonly db: Database.Database;
  private readonly inboxPage;
  private readonly clientsByIds;
  private readonly byLastName;
  private readonly byFirstName;

  private constructor(
    private readonly folder: string,
    path: string,
    key: string,
  ) {
    this.db = openCacheFile(path, key);
    this.db.pragma('cache_size = -16384');
    this.inboxPage = this.db
      .prepare<[string, number, number], string>(
        'SELECT data FROM threads WHERE staff_id = ? AND unread = ? ORDER BY last_at DESC, id DESC LIMIT ?',
      )
      .pluck();
    this.clientsByIds = this.db
      .prepare<[string], string>('SELECT data FROM clients WHERE id IN (SELECT value FROM json_each(?))')
      .pluck();
    const range = (key: string, other: string) =>
      this.db
        .prepare<[string, string, number], string>(
          `SELECT data FROM clients WHERE ${key} >= ? AND ${key} < ? ORDER BY ${key}, ${other}, id LIMIT ?`,
        )
        .pluck();
    this.byLastName = range('last_key', 'first_key');
    this.byFirstName = range('first_key', 'last_key');
  }

  /** Copies the cache's threads and clients (read straight from its file) into a new plain file. */
  static create(dataDir: string, userId: string): PlainTables {
    const source = cacheLocation(dataDir, userId);
    const cache = openCacheFile(source.path, source.key);
    const rows = (collection: ReplicatedCollection) =>
      cache
        .prepare<[], string>(
          `SELECT data FROM "${collectionTable(collection)}" WHERE deleted = 0 ORDER BY rowid`,
        )
        .pluck()
        .all();
    const threads = rows('threads').map((data) => JSON.parse(data) as ThreadDoc);
    const clients = rows('clients').map((data) => JSON.parse(data) as ClientDoc);
    cache.close();
    const folder = mkdtempSync(join(tmpdir(), 'portico-bench-plain-'));
    const path = join(folder, 'plain.sqlite');
    const key = randomBytes(32).toString('hex');
    const plain = openCacheFile(path, key, { create: true });
    plain.pragma('journal_mode = WAL');
    plain.exec(`
      CREATE TABLE threads (id TEXT PRIMARY KEY, staff_id TEXT, unread INTEGER, last_at TEXT, data TEXT);
      CREATE INDEX threads_inbox ON threads (staff_id, unread, last_at, id);
      CREATE TABLE clients (id TEXT PRIMARY KEY, first_key TEXT, last_key TEXT, data TEXT);
      CREATE INDEX clients_last ON clients (last_key, first_key, id);
      CREATE INDEX clients_first ON clients (first_key, last_key, id);`);
    const insertThread = plain.prepare('INSERT INTO threads VALUES (?, ?, ?, ?, ?)');
    const insertClient = plain.prepare('INSERT INTO clients VALUES (?, ?, ?, ?)');
    plain.transaction(() => {
      for (const t of threads)
        insertThread.run(t.id, t.staffId, t.staffUnread ? 1 : 0, t.lastMessageAt, JSON.stringify(t));
      for (const c of clients) insertClient.run(c.id, c.firstNameKey, c.lastNameKey, JSON.stringify(c));
    })();
    plain.close();
    // Reopened, so its page cache starts as empty as the cache's own connection's did.
    return new PlainTables(folder, path, key);
  }

  inbox(staffId: string, unread: boolean): number {
    const threads = this.inboxPage
      .all(staffId, unread ? 1 : 0, INBOX_LIMIT)
      .map((d) => JSON.parse(d) as ThreadDoc);
    const clientIds = JSON.stringify([...new Set(threads.map((t) => t.clientId))]);
    return threads.length + this.clientsByIds.all(clientIds).map((d) => JSON.parse(d) as ClientDoc).length;
  }

  search(prefix: string): number {
    const end = `${prefix}\uffff`;
    const found = new Map<string, ClientDoc>();
    for (const statement of [this.byLastName, this.byFirstName]) {
      for (const data of statement.all(prefix, end, SEARCH_LIMIT)) {
        const client = JSON.parse(data) as ClientDoc;
        found.set(client.id, client);
      }
    }
    return found.size;
  }

  close(): void {
    this.db.close();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

function summary(samples: readonly number[]): Percentiles {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/**
 * Times the Inbox (InboxService.list, latest 50 of the unread and read boxes in turn) and client
 * search by name prefix (ClientsService.search), each run beside its floor so both see the same
 * machine at the same moment.
 */
export async function timeCacheQueries(
  cache: SyncedCache,
  input: { dataDir: string; user: SessionUser; seed: number },
  runs: number,
): Promise<QueryTimings> {
  const plain = PlainTables.create(input.dataDir, input.user.id);
  const prefixes = searchPrefixes(input.seed, runs);
  // Start the timed runs on a clean heap: copying the tables left garbage behind.
  (globalThis as { gc?: () => void }).gc?.();
  const samples = {
    inbox: [] as number[],
    inboxFloor: [] as number[],
    search: [] as number[],
    searchFloor: [] as number[],
  };
  for (let i = 0; i < runs; i++) {
    const unread = i % 2 === 0;
    const prefix = prefixes[i] ?? 'a';
    samples.inbox.push(await timed(() => cache.inbox.list(unread ? 'unread' : 'read', INBOX_LIMIT)));
    samples.inboxFloor.push(await timed(() => plain.inbox(input.user.id, unread)));
    samples.search.push(await timed(() => cache.clients.search(prefix, SEARCH_LIMIT)));
    samples.searchFloor.push(await timed(() => plain.search(prefix)));
  }
  plain.close();
  if (process.env.BENCH_DEBUG) {
    const slowest = samples.search.map((ms, i) => [ms, prefixes[i]] as const).sort((a, b) => b[0] - a[0]);
    console.error('slowest searches', slowest.slice(0, 15));
    console.error('slowest inbox', [...samples.inbox].sort((a, b) => b - a).slice(0, 15));
  }
  return {
    inbox: summary(samples.inbox),
    inboxFloor: summary(samples.inboxFloor),
    search: summary(samples.search),
    searchFloor: summary(samples.searchFloor),
  };
}
