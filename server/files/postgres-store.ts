import { Readable } from 'node:stream';
import type { Database } from '../db/database';
import { checkStorageKey, type FileStat, StreamingFileStore } from './file-store';

/** Each file is kept as rows of this many bytes (the last one shorter). */
export const CHUNK_BYTES = 256 * 1024;

/** An unfinished upload nobody wrote to for this long was left by a stopped instance: swept. */
export const ABANDONED_UPLOAD_MINUTES = 60;

/**
 * Files in PostgreSQL itself (migration 030), so every instance on one database serves every file
 * without another service. A file is a `file_objects` row and its `file_chunks`, written one chunk
 * at a time as the upload streams in and read one chunk at a time as the download streams out:
 * never more than a chunk in memory, and no connection held for the length of an upload (a slow
 * phone would otherwise keep one of the pool's few connections for minutes). Until its last chunk
 * is in, the object is not `complete` and no read sees it; a failed upload deletes its chunks at
 * once, and one whose instance died is swept (sweepAbandonedUploads).
 */
export class PostgresFileStore extends StreamingFileStore {
  readonly kind = 'postgres';

  constructor(private readonly db: Database) {
    super();
  }

  protected async write(storageKey: string, body: Readable): Promise<void> {
    await this.db.query('INSERT INTO file_objects (storage_key) VALUES ($1)', [storageKey]);
    let chunkCount = 0;
    let byteSize = 0;
    const insertChunk = async (data: Buffer) => {
      await this.db.query('INSERT INTO file_chunks (storage_key, chunk_index, data) VALUES ($1, $2, $3)', [
        storageKey,
        chunkCount,
        data,
      ]);
      chunkCount += 1;
      byteSize += data.length;
    };
    try {
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const piece of body as AsyncIterable<Buffer>) {
        pending.push(piece);
        pendingBytes += piece.length;
        while (pendingBytes >= CHUNK_BYTES) {
          const joined = Buffer.concat(pending, pendingBytes);
          await insertChunk(joined.subarray(0, CHUNK_BYTES));
          // A copy, so the rest does not keep the whole joined buffer alive.
          const rest = Buffer.from(joined.subarray(CHUNK_BYTES));
          pending = rest.length > 0 ? [rest] : [];
          pendingBytes = rest.length;
        }
      }
      if (pendingBytes > 0) await insertChunk(Buffer.concat(pending, pendingBytes));
      await this.db.query(
        `UPDATE file_objects SET complete = true, byte_size = $2, chunk_count = $3 WHERE storage_key = $1`,
        [storageKey, byteSize, chunkCount],
      );
    } catch (error) {
      // The chunks go with their object (ON DELETE CASCADE).
      await this.db.query('DELETE FROM file_objects WHERE storage_key = $1', [storageKey]);
      throw error;
    }
  }

  async get(storageKey: string): Promise<Readable | undefined> {
    const found = await this.db.query<{ chunk_count: number }>(
      'SELECT chunk_count FROM file_objects WHERE storage_key = $1 AND complete',
      [checkStorageKey(storageKey)],
    );
    const row = found.rows[0];
    if (row === undefined) return undefined;
    const chunkCount = row.chunk_count;
    const db = this.db;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let index = 0; index < chunkCount; index += 1) {
        const row = await db.query<{ data: Uint8Array }>(
          'SELECT data FROM file_chunks WHERE storage_key = $1 AND chunk_index = $2',
          [storageKey, index],
        );
        const data = row.rows[0]?.data;
        if (!data) throw new Error(`file ${storageKey} was deleted while it was being read`);
        yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      }
    }
    // A byte stream with the default small buffer: at most about one chunk is read ahead.
    return Readable.from(chunks(), { objectMode: false });
  }

  async stat(storageKey: string): Promise<FileStat | undefined> {
    const found = await this.db.query<{ byte_size: number }>(
      'SELECT byte_size FROM file_objects WHERE storage_key = $1 AND complete',
      [checkStorageKey(storageKey)],
    );
    const row = found.rows[0];
    return row ? { byteSize: row.byte_size } : undefined;
  }

  async delete(storageKey: string): Promise<void> {
    await this.db.query('DELETE FROM file_objects WHERE storage_key = $1', [checkStorageKey(storageKey)]);
  }

  /** Every object, unfinished ones included, for checks that no upload left anything behind. */
  async list(): Promise<string[]> {
    const found = await this.db.query<{ storage_key: string }>(
      'SELECT storage_key FROM file_objects ORDER BY storage_key',
    );
    return found.rows.map((row) => row.storage_key);
  }
}

/**
 * Deletes uploads an instance began and never finished or removed (it was stopped or crashed
 * mid-upload): unfinished objects without a chunk written for ABANDONED_UPLOAD_MINUTES.
 */
export async function sweepAbandonedUploads(db: Database): Promise<number> {
  const removed = await db.query(
    `DELETE FROM file_objects o
      WHERE NOT o.complete
        AND o.created_at < now() - make_interval(mins => $1::int)
        AND NOT EXISTS (SELECT 1 FROM file_chunks c WHERE c.storage_key = o.storage_key
                          AND c.written_at >= now() - make_interval(mins => $1::int))`,
    [ABANDONED_UPLOAD_MINUTES],
  );
  return removed.rowCount;
}
