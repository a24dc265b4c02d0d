import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadTooLarge } from './upload-guard';

export interface StoredFile {
  storageKey: string;
  byteSize: number;
  sha256: string;
}

export interface FileStat {
  byteSize: number;
}

export interface PutOptions {
  /**
   * Sees every byte first and may refuse the upload part way by failing (too big, not what it
   * claims to be); the store then keeps nothing and `put` throws the guard's error.
   */
  guard?: Transform;
  /** One byte more fails the upload with UploadTooLarge, whatever the guard allows. */
  maxBytes?: number;
  /** Aborting fails the upload with UploadInterrupted and keeps nothing. */
  signal?: AbortSignal;
  /**
   * The key to store under instead of a new random one: only for moving files a folder store
   * already holds into a shared store (see adopt-folder-files.ts), so the database's keys stay valid.
   */
  storageKey?: string;
}

export type FileStoreKind = 'folder' | 'postgres' | 's3';

/**
 * Where uploaded and generated files live, named by random keys; the database (`files`) keeps who
 * owns them. Three stores: a folder (the embedded default, one machine), PostgreSQL itself and an
 * S3-compatible bucket (both shared by every instance on one database). Every store streams in and
 * out and never holds a whole file in memory, and a failed `put` leaves nothing under any key.
 */
export interface FileStore {
  readonly kind: FileStoreKind;
  /**
   * Stores what `source` sends. The source is only paused on failure, never destroyed, so the
   * caller can still answer on its connection.
   */
  put(source: Readable, options?: PutOptions): Promise<StoredFile>;
  putBuffer(data: Uint8Array): Promise<StoredFile>;
  /** The file's bytes, or undefined when there is no such (complete) file. */
  get(storageKey: string): Promise<Readable | undefined>;
  stat(storageKey: string): Promise<FileStat | undefined>;
  /** Deletes the file; deleting one that is not there is not an error. */
  delete(storageKey: string): Promise<void>;
  /** Every key held, for checks that no upload left anything behind. */
  list(): Promise<string[]>;
  close(): Promise<void>;
}

export class UploadInterrupted extends Error {
  constructor(why = 'the upload ended before its last byte') {
    super(why);
    this.name = 'UploadInterrupted';
  }
}

const STORAGE_KEY = /^[a-f0-9-]{36}$/;

export function checkStorageKey(storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error(`invalid storage key ${storageKey}`);
  return storageKey;
}

/** Counts and hashes what passes, and enforces the store's own size limit. */
class Measure extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(new UploadTooLarge());
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * What every store shares: the source piped through the guard and a counter into the store's own
 * `write`, failures from any side turned into one error, and nothing kept when it fails.
 */
export abstract class StreamingFileStore implements FileStore {
  abstract readonly kind: FileStoreKind;

  /**
   * Stores `body` under `storageKey`, reading it to its end. When `body` fails (the guard refused,
   * the client went away) or the store does, it must keep nothing of it and reject.
   */
  protected abstract write(storageKey: string, body: Readable): Promise<void>;

  abstract get(storageKey: string): Promise<Readable | undefined>;
  abstract stat(storageKey: string): Promise<FileStat | undefined>;
  abstract delete(storageKey: string): Promise<void>;
  abstract list(): Promise<string[]>;

  async close(): Promise<void> {}

  putBuffer(data: Uint8Array): Promise<StoredFile> {
    return this.put(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
  }

  async put(source: Readable, options: PutOptions = {}): Promise<StoredFile> {
    // A source already torn down (a multipart part whose request ended early) would never emit
    // again, and the listeners below would wait for it forever.
    if (source.destroyed) throw source.errored ?? new UploadInterrupted();
    if (options.signal?.aborted) throw new UploadInterrupted('the upload was aborted');
    const storageKey = checkStorageKey(options.storageKey ?? randomUUID());
    const guard = options.guard ?? new PassThrough();
    const measure = new Measure(options.maxBytes ?? Number.POSITIVE_INFINITY);
    const onSourceError = (error: Error) => guard.destroy(error);
    const onSourceClose = () => {
      if (!source.readableEnded) guard.destroy(new UploadInterrupted());
    };
    const onAbort = () => guard.destroy(new UploadInterrupted('the upload was aborted'));
    source.once('error', onSourceError);
    source.once('close', onSourceClose);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    source.pipe(guard);
    // The first failure is the one to report: the guard's refusal, not the store's "premature close".
    let failure: unknown;
    const note = (error: unknown) => {
      failure ??= error;
      throw error;
    };
    const outcomes = await Promise.allSettled([
      pipeline(guard, measure).catch(note),
      this.write(storageKey, measure).catch(note),
    ]);
    source.off('error', onSourceError);
    source.off('close', onSourceClose);
    options.signal?.removeEventListener('abort', onAbort);
    if (outcomes.some((outcome) => outcome.status === 'rejected')) {
      source.unpipe(guard);
      source.pause();
      throw failure;
    }
    return { storageKey, byteSize: measure.bytes, sha256: measure.digest() };
  }
}
