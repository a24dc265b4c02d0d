import { randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AgencyClient } from '../../../../main/services/api/agency-client';
import { FileCache, type FileOwnership } from '../../../../main/services/files/file-cache';
import {
  fileKeyFor,
  readSealedFile,
  seal,
  unseal,
  writeSealedFile,
} from '../../../../main/services/files/sealed-files';

const CACHE_KEY = randomBytes(32).toString('hex');
/** A tiny PNG whose bytes are easy to find: its text chunk spells a client's name. */
const PHOTO = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('tEXtAuthor Linh Clark photo bytes', 'latin1'),
]);

describe('sealed files', () => {
  const key = fileKeyFor(CACHE_KEY);
  const file = { header: { contentType: 'image/png', clientId: randomUUID() }, data: PHOTO };

  it('hold neither the bytes nor the owner in plain text, and open with the key', () => {
    const sealed = seal(key, 'photo-a.bin', file);
    expect(sealed.includes(PHOTO)).toBe(false);
    expect(sealed.includes(Buffer.from('Linh'))).toBe(false);
    expect(sealed.includes(Buffer.from(file.header.clientId))).toBe(false);
    const opened = unseal(key, 'photo-a.bin', sealed);
    expect(opened?.data.equals(PHOTO)).toBe(true);
    expect(opened?.header).toEqual(file.header);
  });

  it('refuse every changed byte, a cut file, another key and another name', () => {
    const sealed = seal(key, 'photo-a.bin', file);
    for (let index = 0; index < sealed.length; index++) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(unseal(key, 'photo-a.bin', tampered), `byte ${index}`).toBeUndefined();
    }
    expect(unseal(key, 'photo-a.bin', sealed.subarray(0, sealed.length - 1))).toBeUndefined();
    expect(unseal(fileKeyFor(randomBytes(32).toString('hex')), 'photo-a.bin', sealed)).toBeUndefined();
    // Copied over another file's name: refused, so one client's photo never shows as another's.
    expect(unseal(key, 'photo-b.bin', sealed)).toBeUndefined();
    expect(unseal(key, 'photo-a.bin', PHOTO)).toBeUndefined();
  });

  it('derive a key of their own from the cache key', () => {
    expect(fileKeyFor(CACHE_KEY).equals(key)).toBe(true);
    expect(fileKeyFor(CACHE_KEY).toString('hex')).not.toBe(CACHE_KEY.slice(0, 64));
    expect(fileKeyFor(`${CACHE_KEY}x`).equals(key)).toBe(false);
  });

  it('are written whole and read back from disk; a tampered file on disk is refused', () => {
    const folder = mkdtempSync(join(tmpdir(), 'portico-sealed-'));
    try {
      const path = join(folder, 'photo-x.bin');
      writeSealedFile(key, path, file);
      expect(readdirSync(folder)).toEqual(['photo-x.bin']);
      expect(readSealedFile(key, path)?.data.equals(PHOTO)).toBe(true);
      const bytes = readFileSync(path);
      bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0xff;
      writeFileSync(path, bytes);
      expect(readSealedFile(key, path)).toBeUndefined();
      expect(readSealedFile(key, join(folder, 'missing.bin'))).toBeUndefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the file cache', () => {
  let server: Server;
  let downloads = 0;
  let folder: string;
  let cache: FileCache;
  const photoId = randomUUID();
  const ownerId = randomUUID();
  let visible = new Set<string>();
  const ownership: FileOwnership = {
    photoOwner: async (fileId) => (fileId === photoId && visible.has(ownerId) ? ownerId : null),
    isVisible: async (clientId) => visible.has(clientId),
  };

  beforeAll(async () => {
    // A real HTTP server answering the photo route as the agency server does.
    server = createServer((request, response) => {
      downloads++;
      if (request.url === `/api/files/${photoId}`) {
        response.writeHead(200, { 'content-type': 'image/png' }).end(PHOTO);
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'portico-file-cache-'));
    const client = new AgencyClient(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      () => 'token',
    );
    cache = new FileCache(folder, () => client);
    visible = new Set([ownerId]);
    downloads = 0;
  });

  const photoPath = () => join(folder, `photo-${photoId}.bin`);

  it('keeps a photo sealed on disk and serves it from there', async () => {
    cache.open(CACHE_KEY, ownership);
    const url = await cache.dataUrl('photo', photoId);
    expect(url).toBe(`data:image/png;base64,${PHOTO.toString('base64')}`);
    const onDisk = readFileSync(photoPath());
    expect(onDisk.includes(PHOTO)).toBe(false);
    expect(onDisk.includes(Buffer.from('Linh'))).toBe(false);
    expect(await cache.dataUrl('photo', photoId)).toBe(url);
    expect(downloads).toBe(1);
  });

  it('drops files from before encryption and downloads them again sealed', async () => {
    writeFileSync(photoPath(), PHOTO);
    writeFileSync(join(folder, `photo-${photoId}.type`), 'image/png');
    cache.open(CACHE_KEY, ownership);
    expect(readdirSync(folder)).toEqual([]);
    expect(await cache.dataUrl('photo', photoId)).not.toBeNull();
    expect(downloads).toBe(1);
    expect(readFileSync(photoPath()).includes(PHOTO)).toBe(false);
  });

  it('never serves a tampered or swapped file: it is fetched again', async () => {
    cache.open(CACHE_KEY, ownership);
    await cache.dataUrl('photo', photoId);
    const bytes = readFileSync(photoPath());
    bytes[30] = (bytes[30] ?? 0) ^ 0x01;
    writeFileSync(photoPath(), bytes);
    expect(await cache.dataUrl('photo', photoId)).toBe(`data:image/png;base64,${PHOTO.toString('base64')}`);
    expect(downloads).toBe(2);
    // Another file renamed into this one's place.
    const other = randomUUID();
    writeSealedFile(fileKeyFor(CACHE_KEY), join(folder, `photo-${other}.bin`), {
      header: { contentType: 'image/png', clientId: ownerId },
      data: Buffer.from('someone else'),
    });
    renameSync(join(folder, `photo-${other}.bin`), photoPath());
    expect(await cache.dataUrl('photo', photoId)).toBe(`data:image/png;base64,${PHOTO.toString('base64')}`);
    expect(downloads).toBe(3);
  });

  it('gives no photo of a client who left, and forgets their files', async () => {
    cache.open(CACHE_KEY, ownership);
    await cache.dataUrl('photo', photoId);
    visible.delete(ownerId);
    expect(await cache.dataUrl('photo', photoId)).toBeNull();
    expect(existsSync(photoPath())).toBe(false);
    expect(downloads).toBe(1);

    visible.add(ownerId);
    await cache.dataUrl('photo', photoId);
    expect(cache.forgetClients(new Set([randomUUID()]))).toBe(0);
    expect(existsSync(photoPath())).toBe(true);
    expect(cache.forgetClients(new Set([ownerId]))).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('reads nothing when no one is signed in, and another staff member cannot read the files', async () => {
    cache.open(CACHE_KEY, ownership);
    await cache.dataUrl('photo', photoId);
    cache.close();
    expect(await cache.dataUrl('photo', photoId)).toBeNull();
    const sealed = readFileSync(photoPath());
    expect(
      unseal(fileKeyFor(randomBytes(32).toString('hex')), `photo-${photoId}.bin`, sealed),
    ).toBeUndefined();
  });
});
