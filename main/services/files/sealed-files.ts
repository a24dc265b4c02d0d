import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';

/*
 * Files the desktop keeps beside its cache (client photos, message pictures), encrypted at rest
 * with a key derived from the cache's key: a copied disk shows neither the picture nor whose it
 * is, and forgetting the cache's key (signing out) makes every file unreadable.
 *
 *   MAGIC (4) | IV (12) | AES-256-GCM ciphertext | GCM tag (16)
 *   plaintext = header length (u32 BE) | header JSON (what it is, whose it is) | the file's bytes
 *
 * The file's own name is authenticated with it (GCM's additional data), so a file copied or
 * renamed over another is refused as surely as a changed byte.
 */

const MAGIC = Buffer.from('PSF1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_INFO = 'portico-file-key-v1';
const KEY_SALT = Buffer.from('portico-cached-files', 'utf8');

/** What a sealed file says about itself, inside the encryption. */
export interface SealedFileHeader {
  /** The MIME type the server gave. */
  contentType: string;
  /** The client the file belongs to ('' when the desktop cannot tell, e.g. a message picture). */
  clientId: string;
}

export interface SealedFile {
  header: SealedFileHeader;
  data: Buffer;
}

/** The files' own key, derived (HKDF) from the cache's key: the same secret, never the same key. */
export function fileKeyFor(cacheKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(cacheKey, 'utf8'), KEY_SALT, KEY_INFO, 32));
}

/** Whether bytes start like a sealed file: anything else in the folder is from before encryption. */
export function looksSealed(bytes: Buffer): boolean {
  return bytes.length >= MAGIC.length + IV_BYTES + TAG_BYTES && bytes.subarray(0, 4).equals(MAGIC);
}

function additionalData(name: string): Buffer {
  return Buffer.concat([MAGIC, Buffer.from(name, 'utf8')]);
}

/** The sealed bytes of a file to be stored under `name`. */
export function seal(key: Buffer, name: string, file: SealedFile): Buffer {
  const header = Buffer.from(JSON.stringify(file.header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(name));
  const body = Buffer.concat([cipher.update(Buffer.concat([length, header, file.data])), cipher.final()]);
  return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
}

/**
 * The file stored under `name`, or undefined when it is not one this key sealed under this name:
 * changed, cut, renamed, sealed with another staff member's key, or never sealed at all.
 */
export function unseal(key: Buffer, name: string, bytes: Buffer): SealedFile | undefined {
  if (!looksSealed(bytes)) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(4, 4 + IV_BYTES));
    decipher.setAAD(additionalData(name));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(4 + IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const headerLength = plain.readUInt32BE(0);
    const header = parseHeader(plain.subarray(4, 4 + headerLength).toString('utf8'));
    return header ? { header, data: plain.subarray(4 + headerLength) } : undefined;
  } catch {
    return undefined;
  }
}

function parseHeader(text: string): SealedFileHeader | undefined {
  try {
    const value = JSON.parse(text) as Partial<SealedFileHeader>;
    if (typeof value.contentType !== 'string' || typeof value.clientId !== 'string') return undefined;
    return { contentType: value.contentType, clientId: value.clientId };
  } catch {
    return undefined;
  }
}

/** Seals and writes a file: a temporary file, fsynced, renamed over the name (never half a file). */
export function writeSealedFile(key: Buffer, path: string, file: SealedFile): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    const bytes = seal(key, basename(path), file);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** Reads and unseals a file; undefined when it is missing or not readable with this key. */
export function readSealedFile(key: Buffer, path: string): SealedFile | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  return unseal(key, basename(path), bytes);
}

/** Deletes a file, zeroing its bytes first so the disk blocks it leaves hold nothing of it. */
export function shredFile(path: string): void {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, Buffer.alloc(size), 0, size, 0);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Already gone, or not writable: removing it below is what matters.
  }
  rmSync(path, { force: true });
}

/** Zeroes and removes every file under a folder, then the folder. */
export function shredFolder(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) shredFolder(path);
    else shredFile(path);
  }
  rmSync(folder, { recursive: true, force: true });
}
