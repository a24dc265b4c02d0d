import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database';
import { openDatabase } from '../../../server/db/open-database';
import { type FileStore, UploadInterrupted } from '../../../server/files/file-store';
import { parseS3Url } from '../../../server/files/file-store-url';
import { FolderFileStore } from '../../../server/files/folder-store';
import {
  ABANDONED_UPLOAD_MINUTES,
  CHUNK_BYTES,
  PostgresFileStore,
  sweepAbandonedUploads,
} from '../../../server/files/postgres-store';
import { S3FileStore } from '../../../server/files/s3-store';
import { UploadTooLarge } from '../../../server/files/upload-guard';
import { startS3Server, type TestS3Server } from '../../support/s3-server';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/*
 * Every file store keeps the same promises: what goes in comes out byte for byte, streamed; a
 * refused, broken or aborted upload leaves nothing under any key. The PostgreSQL store runs on
 * whichever database the tests use (PGlite without DATABASE_URL); the S3 store on s3rver, an
 * S3-compatible server in this process, through the real AWS SDK.
 */

let database: TestDatabase;
let db: Database;
let s3: TestS3Server;
const folders: string[] = [];
const stores: FileStore[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ databaseUrl: database.databaseUrl, pgliteDir: undefined });
  s3 = await startS3Server();
});

afterAll(async () => {
  for (const store of stores) await store.close();
  await db.close();
  await database.drop();
  await s3.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const makers: Record<string, () => FileStore> = {
  folder: () => {
    const folder = mkdtempSync(join(tmpdir(), 'portico-folder-store-'));
    folders.push(folder);
    return new FolderFileStore(folder);
  },
  postgres: () => new PostgresFileStore(db),
  s3: () => new S3FileStore(parseS3Url(s3.fileStoreUrl(`contract-${stores.length}`))),
};

/** Deterministic bytes that differ from chunk to chunk, so a reordered or repeated chunk shows. */
function pattern(size: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  let state = seed;
  for (let index = 0; index < size; index += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/** Sends `data` in pieces of `piece` bytes, as a network upload arrives. */
function pieces(data: Buffer, piece = 64 * 1024): Readable {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += piece)
    parts.push(data.subarray(offset, offset + piece));
  return Readable.from(parts, { objectMode: false });
}

async function readAll(stream: Readable | undefined): Promise<Buffer> {
  if (!stream) throw new Error('no such file');
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Refuses the upload once `after` bytes went through, as the upload guards do. */
class RefuseAfter extends Transform {
  private seen = 0;
  constructor(private readonly after: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    callback(this.seen > this.after ? new Error('refused by the guard') : null, chunk);
  }
}

/** Keys only: the folder store also lists half-written `.partial` files, which must not stay. */
const keysOf = (store: FileStore) => store.list();

describe.each(Object.keys(makers))('the %s file store', (kind) => {
  let store: FileStore;
  beforeAll(() => {
    const make = makers[kind];
    if (!make) throw new Error(kind);
    store = make();
    stores.push(store);
  });

  it('gives back every byte of a file several chunks long, with its size and hash', async () => {
    const data = pattern(3 * CHUNK_BYTES + 1234);
    const stored = await store.put(pieces(data, 100_000));
    expect(stored.byteSize).toBe(data.length);
    expect(stored.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(await store.stat(stored.storageKey)).toEqual({ byteSize: data.length });
    expect((await readAll(await store.get(stored.storageKey))).equals(data)).toBe(true);
    expect(await keysOf(store)).toContain(stored.storageKey);

    await store.delete(stored.storageKey);
    expect(await store.stat(stored.storageKey)).toBeUndefined();
    expect(await store.get(stored.storageKey)).toBeUndefined();
    expect(await keysOf(store)).not.toContain(stored.storageKey);
  });

  it('keeps a file of exactly one chunk, and a buffer', async () => {
    const exact = pattern(CHUNK_BYTES, 2);
    const stored = await store.put(pieces(exact));
    expect((await readAll(await store.get(stored.storageKey))).equals(exact)).toBe(true);
    const small = await store.putBuffer(Buffer.from('a small file'));
    expect((await readAll(await store.get(small.storageKey))).toString()).toBe('a small file');
    await store.delete(stored.storageKey);
    await store.delete(small.storageKey);
  });

  it('keeps nothing of an upload its guard refuses part way, and throws the guard’s error', async () => {
    const before = await keysOf(store);
    const source = pieces(pattern(2 * CHUNK_BYTES, 3));
    await expect(store.put(source, { guard: new RefuseAfter(CHUNK_BYTES + 10) })).rejects.toThrow(
      'refused by the guard',
    );
    expect(source.destroyed).toBe(false);
    expect(await keysOf(store)).toEqual(before);
  });

  it('keeps nothing of an upload over its size limit', async () => {
    const before = await keysOf(store);
    await expect(store.put(pieces(pattern(CHUNK_BYTES + 1, 4)), { maxBytes: CHUNK_BYTES })).rejects.toThrow(
      UploadTooLarge,
    );
    expect(await keysOf(store)).toEqual(before);
  });

  it('keeps nothing of an upload whose sender goes away, or that is aborted', async () => {
    const before = await keysOf(store);
    const broken = new PassThrough();
    const putting = store.put(broken);
    broken.write(pattern(CHUNK_BYTES + 500, 5));
    setTimeout(() => broken.destroy(), 50);
    await expect(putting).rejects.toThrow(UploadInterrupted);
    expect(await keysOf(store)).toEqual(before);

    const slow = new PassThrough();
    const abort = new AbortController();
    const aborted = store.put(slow, { signal: abort.signal });
    slow.write(pattern(CHUNK_BYTES * 2, 6));
    setTimeout(() => abort.abort(), 50);
    await expect(aborted).rejects.toThrow(UploadInterrupted);
    expect(await keysOf(store)).toEqual(before);
  });
});

describe('the PostgreSQL file store', () => {
  it('streams a large file (50 MB) in and out in chunks, never holding more than a few of them', async () => {
    // Counts the chunk reads the store makes, to see how far a download reads ahead.
    let chunkReads = 0;
    const counted: Database = Object.create(db, {
      query: {
        value: (sql: string, params?: readonly unknown[]) => {
          if (sql.includes('FROM file_chunks')) chunkReads += 1;
          return db.query(sql, params);
        },
      },
    });
    const store = new PostgresFileStore(counted);
    const storageKey = '00000000-0000-4000-8000-0000000000aa';
    // 50 MB on PostgreSQL; PGlite, a database compiled to WebAssembly in this process, takes
    // minutes for that on a busy machine, and 8 MB shows the same streaming.
    const size = (db.kind === 'postgres' ? 50 : 8) * 1024 * 1024;
    const block = pattern(1024 * 1024, 7);
    const blocks = size / block.length;
    // How far the upload's source got ahead of the chunks already written, at its worst.
    let uploadLead = 0;
    // Each megabyte differs (its number in the first bytes), so a repeated or missing one shows.
    async function* source(): AsyncGenerator<Buffer> {
      for (let index = 0; index < blocks; index += 1) {
        const written = await db.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM file_chunks WHERE storage_key = $1',
          [storageKey],
        );
        uploadLead = Math.max(uploadLead, index * block.length - (written.rows[0]?.count ?? 0) * CHUNK_BYTES);
        const copy = Buffer.from(block);
        copy.writeUInt32BE(index, 0);
        yield copy;
      }
    }
    const expected = createHash('sha256');
    for (let index = 0; index < blocks; index += 1) {
      const copy = Buffer.from(block);
      copy.writeUInt32BE(index, 0);
      expected.update(copy);
    }

    const memory = () => {
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const baseline = memory();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memory());
    }, 5);
    try {
      const stored = await store.put(Readable.from(source(), { objectMode: false }), { storageKey });
      expect(stored.byteSize).toBe(size);
      expect(stored.sha256).toBe(expected.digest('hex'));
      const chunks = await db.query<{ count: number; largest: number }>(
        'SELECT count(*)::int AS count, max(length(data))::int AS largest FROM file_chunks WHERE storage_key = $1',
        [storageKey],
      );
      expect(chunks.rows[0]).toEqual({ count: size / CHUNK_BYTES, largest: CHUNK_BYTES });
      // Each stream between source and table may hold one piece as it came (a block here), plus
      // the chunk being gathered: a few MB however large the file, not the file.
      expect(uploadLead).toBeLessThanOrEqual(4 * block.length + CHUNK_BYTES);

      chunkReads = 0;
      let downloadLead = 0;
      const downloaded = createHash('sha256');
      let received = 0;
      for await (const part of (await store.get(storageKey)) ?? []) {
        downloaded.update(part as Buffer);
        received += (part as Buffer).length;
        downloadLead = Math.max(downloadLead, chunkReads * CHUNK_BYTES - received);
        // A slow reader: the store must wait for it, not read on.
        if (received % (8 * CHUNK_BYTES) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(received).toBe(size);
      expect(downloaded.digest('hex')).toBe(stored.sha256);
      expect(chunkReads).toBe(size / CHUNK_BYTES);
      expect(downloadLead).toBeLessThanOrEqual(2 * CHUNK_BYTES);
      await store.delete(storageKey);
    } finally {
      clearInterval(sampler);
    }
    // Held whole, the file alone would add its 50 MB; streamed, memory grows by a few chunks and
    // the garbage the driver makes of them (collected whenever V8 chooses, so a generous bound).
    // Only on PostgreSQL: PGlite is a database inside this process, whose memory holds what it stores.
    if (db.kind === 'postgres') expect(peak - baseline).toBeLessThan(size);
  }, 180_000);

  it('sweeps an upload a stopped instance left unfinished, and only such', async () => {
    const store = new PostgresFileStore(db);
    const finished = await store.putBuffer(Buffer.from('finished'));
    const stale = '00000000-0000-4000-8000-000000000001';
    const fresh = '00000000-0000-4000-8000-000000000002';
    await db.query(
      `INSERT INTO file_objects (storage_key, created_at) VALUES
         ($1, now() - make_interval(mins => $3::int + 5)), ($2, now())`,
      [stale, fresh, ABANDONED_UPLOAD_MINUTES],
    );
    await db.query(
      `INSERT INTO file_chunks (storage_key, chunk_index, data, written_at)
       VALUES ($1, 0, '\\x00'::bytea, now() - make_interval(mins => $2::int + 5))`,
      [stale, ABANDONED_UPLOAD_MINUTES],
    );
    expect(await store.get(stale)).toBeUndefined();
    expect(await sweepAbandonedUploads(db)).toBe(1);
    const left = await store.list();
    expect(left).toContain(finished.storageKey);
    expect(left).toContain(fresh);
    expect(left).not.toContain(stale);
    const orphans = await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM file_chunks WHERE storage_key = $1',
      [stale],
    );
    expect(orphans.rows[0]?.count).toBe(0);
    await store.delete(fresh);
    await store.delete(finished.storageKey);
  });
});
