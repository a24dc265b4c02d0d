import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkStorageKey, type FileStat, StreamingFileStore } from './file-store';

/**
 * Deletes a half-written file. The stream may still be opening it when a pipeline fails (an
 * upload refused in its first bytes); deleting before it has closed would leave the file behind.
 */
async function discard(sink: WriteStream, path: string): Promise<void> {
  // Not events.once: that rejects on the 'error' the failed pipeline left on the stream.
  if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
  await rm(path, { force: true });
}

const missing = (error: unknown) => (error as { code?: unknown }).code === 'ENOENT';

/**
 * Files in one machine's folder: the embedded (PGlite) default. Writes go to a temporary name
 * first, so a crash never leaves a half file under a real key.
 */
export class FolderFileStore extends StreamingFileStore {
  readonly kind = 'folder';

  constructor(readonly root: string) {
    super();
    mkdirSync(root, { recursive: true });
  }

  private pathOf(storageKey: string): string {
    return join(this.root, checkStorageKey(storageKey));
  }

  protected async write(storageKey: string, body: Readable): Promise<void> {
    const temporary = `${this.pathOf(storageKey)}.partial`;
    const sink = createWriteStream(temporary);
    try {
      await pipeline(body, sink);
    } catch (error) {
      await discard(sink, temporary);
      throw error;
    }
    await rename(temporary, this.pathOf(storageKey));
  }

  async get(storageKey: string): Promise<Readable | undefined> {
    const path = this.pathOf(storageKey);
    // Opened before answering, so a file deleted meanwhile is "not there", not a broken stream.
    const stream = createReadStream(path);
    return new Promise((resolve, reject) => {
      stream.once('ready', () => resolve(stream));
      stream.once('error', (error) => (missing(error) ? resolve(undefined) : reject(error)));
    });
  }

  async stat(storageKey: string): Promise<FileStat | undefined> {
    try {
      const found = await stat(this.pathOf(storageKey));
      return { byteSize: found.size };
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  }

  async delete(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  /** Folder contents, half-written files (`.partial`) included, for checks that none is left. */
  async list(): Promise<string[]> {
    return readdir(this.root);
  }
}
