import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  storageKey: string;
  byteSize: number;
  sha256: string;
}

/**
 * Deletes a half-written file. The stream may still be opening it when a pipeline fails (an
 * upload refused in its first bytes); deleting before it has closed would leave the file behind.
 */
async function discard(sink: WriteStream, path: string): Promise<void> {
  // Not events.once: that rejects on the 'error' the failed pipeline left on the stream.
  if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
  await rm(path, { force: true });
}

/**
 * Uploaded and generated files live in a folder, named by random keys; the database keeps who
 * owns them. Writes go to a temporary name first, so a crash never leaves a half file under a real key.
 */
export class FileStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  private pathOf(storageKey: string): string {
    if (!/^[a-f0-9-]{36}$/.test(storageKey)) throw new Error(`invalid storage key ${storageKey}`);
    return join(this.root, storageKey);
  }

  async putBuffer(data: Uint8Array): Promise<StoredFile> {
    const storageKey = randomUUID();
    const temporary = `${this.pathOf(storageKey)}.partial`;
    await writeFile(temporary, data);
    await rename(temporary, this.pathOf(storageKey));
    return { storageKey, byteSize: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
  }

  async putStream(source: Readable): Promise<StoredFile> {
    const storageKey = randomUUID();
    const temporary = `${this.pathOf(storageKey)}.partial`;
    const hash = createHash('sha256');
    let byteSize = 0;
    source.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      byteSize += chunk.length;
    });
    const sink = createWriteStream(temporary);
    try {
      await pipeline(source, sink);
    } catch (error) {
      await discard(sink, temporary);
      throw error;
    }
    await rename(temporary, this.pathOf(storageKey));
    return { storageKey, byteSize, sha256: hash.digest('hex') };
  }

  /**
   * Stores what `source` sends through `guard`, which may refuse it part way (too big, not what it
   * claims to be) by failing; then the partial file is deleted and the guard's error thrown. The
   * source is only paused, never destroyed, so the caller can still answer on its connection.
   */
  async putGuardedStream(source: Readable, guard: Transform): Promise<StoredFile> {
    // A source already torn down (a multipart part whose request ended early) would never emit
    // again, and the listeners below would wait for it forever.
    if (source.destroyed) throw source.errored ?? new Error('the upload ended before its last byte');
    const storageKey = randomUUID();
    const temporary = `${this.pathOf(storageKey)}.partial`;
    const hash = createHash('sha256');
    let byteSize = 0;
    guard.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      byteSize += chunk.length;
    });
    const onSourceError = (error: Error) => guard.destroy(error);
    const onSourceClose = () => {
      if (!source.readableEnded) guard.destroy(new Error('the upload ended before its last byte'));
    };
    source.once('error', onSourceError);
    source.once('close', onSourceClose);
    source.pipe(guard);
    const sink = createWriteStream(temporary);
    try {
      await pipeline(guard, sink);
    } catch (error) {
      source.unpipe(guard);
      source.pause();
      await discard(sink, temporary);
      throw error;
    } finally {
      source.off('error', onSourceError);
      source.off('close', onSourceClose);
    }
    await rename(temporary, this.pathOf(storageKey));
    return { storageKey, byteSize, sha256: hash.digest('hex') };
  }

  /** Folder contents, for checks that no upload left a file behind. */
  async list(): Promise<string[]> {
    return readdir(this.root);
  }

  open(storageKey: string): Readable {
    return createReadStream(this.pathOf(storageKey));
  }

  async exists(storageKey: string): Promise<boolean> {
    return stat(this.pathOf(storageKey)).then(
      () => true,
      () => false,
    );
  }

  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }
}
