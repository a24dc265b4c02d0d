import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * The size check must refuse a huge file from its size alone. Every way of reading a file is
 * replaced by a recorder here, so a test fails if anything opens the file's contents.
 */
const reads = vi.hoisted(() => ({ count: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      reads.count += 1;
      return real.open(...args);
    },
    readFile: async (...args: Parameters<typeof real.readFile>) => {
      reads.count += 1;
      return real.readFile(...args);
    },
  };
});

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    createReadStream: (...args: Parameters<typeof real.createReadStream>) => {
      reads.count += 1;
      return real.createReadStream(...args);
    },
    openAsBlob: (...args: Parameters<typeof real.openAsBlob>) => {
      reads.count += 1;
      return real.openAsBlob(...args);
    },
  };
});

import type { AgencyClient } from '../../../../main/services/api/agency-client';
import type { CacheDatabase } from '../../../../main/services/cache/open-cache';
import { checkFileSize, uploadImage } from '../../../../main/services/files/attachment-upload';
import { FileCache } from '../../../../main/services/files/file-cache';
import { RecordsService } from '../../../../main/services/requests/records-service';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../../../shared/text/product-texts';

const folder = mkdtempSync(join(tmpdir(), 'portico-size-'));
const sparse = join(folder, 'huge.bin');
writeFileSync(sparse, '');
// A 2GB sparse file: it takes no disk space, and reading it would take 2GB of memory.
truncateSync(sparse, 2 * 1024 * 1024 * 1024);
const exact = join(folder, 'exact.bin');
writeFileSync(exact, '');
truncateSync(exact, MAX_UPLOAD_BYTES);
const over = join(folder, 'over.bin');
writeFileSync(over, '');
truncateSync(over, MAX_UPLOAD_BYTES + 1);

const half = join(folder, 'half.bin');
writeFileSync(half, '');
truncateSync(half, MAX_UPLOAD_BYTES / 2 + 1);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const uploads: unknown[] = [];
const client = {
  uploadAttachment: async () => {
    uploads.push('attachment');
    return { id: 'x', url: '/api/attachments/x' };
  },
  uploadClientDocument: async () => {
    uploads.push('document');
    throw new Error('not reached');
  },
} as unknown as AgencyClient;

describe('file sizes are checked before anything is read', () => {
  beforeEach(() => {
    reads.count = 0;
    uploads.length = 0;
  });

  it('refuses a 2GB file from its size alone, with the reference product’s words', async () => {
    await expect(checkFileSize(sparse)).rejects.toThrow(PRODUCT_TEXTS.invalidFileSize);
    await expect(uploadImage(client, sparse)).rejects.toThrow(PRODUCT_TEXTS.invalidFileSize);
    expect(reads.count).toBe(0);
    expect(uploads).toEqual([]);
  });

  it('accepts exactly 25MB and refuses one byte more', async () => {
    await expect(checkFileSize(exact)).resolves.toEqual({ path: exact, size: MAX_UPLOAD_BYTES });
    await expect(checkFileSize(over)).rejects.toThrow(PRODUCT_TEXTS.invalidFileSize);
  });

  it('refuses documents whose files together pass 25MB, before reading any of them', async () => {
    const records = new RecordsService(
      {} as CacheDatabase,
      () => client,
      folder,
      {
        open: async () => null,
        save: async () => true,
        browserUrl: () => null,
      },
      new FileCache(join(folder, 'files'), () => client),
    );
    const input = { clientId: 'c', categoryId: 'k', name: 'Papers', private: false };
    await expect(records.addDocument({ ...input, paths: [half, half] })).rejects.toThrow(
      PRODUCT_TEXTS.invalidFileSize,
    );
    await expect(records.addDocument({ ...input, paths: [sparse] })).rejects.toThrow(
      PRODUCT_TEXTS.invalidFileSize,
    );
    expect(reads.count).toBe(0);
    expect(uploads).toEqual([]);
  });

  it('names a missing file plainly', async () => {
    await expect(checkFileSize(join(folder, 'nope.bin'))).rejects.toThrow(/could not be found/);
  });
});
