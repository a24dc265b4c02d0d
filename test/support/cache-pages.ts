import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheNameFor } from '../../main/services/cache/open-cache';

/*
 * Reads a desktop's cache file the way an attacker holding its key would: every page of the file,
 * in use or free, decrypted on its own, without SQLite. So "nothing of X is in the cache" covers
 * old row versions in free space and free pages, which no query would show.
 *
 * The format is SQLCipher 4's defaults as SQLite3 Multiple Ciphers writes them (the storage's
 * cipher='sqlcipher'): a 16-byte salt at the start of the file; per 4096-byte page, AES-256-CBC
 * over the page (page 1 from byte 24: bytes 16-23 of SQLite's header stay plain) with a 16-byte
 * IV and a 64-byte HMAC-SHA512 of ciphertext, IV and page number at the end of the page; the key is
 * PBKDF2-HMAC-SHA512 of the passphrase (256,000 rounds), the HMAC key PBKDF2 (2 rounds) of that
 * key with the salt XOR 0x3a. Every page's HMAC is checked, so a page decrypted wrongly fails.
 */

const PAGE = 4096;
const SALT = 16;
/** Page 1 is encrypted from here: the salt, then SQLite's header bytes 16-23 in plain. */
const FIRST_PAGE_START = 24;
const IV = 16;
const HMAC = 64;
const RESERVE = IV + HMAC;

/** The cache key of a browser-host desktop's staff member: its key file, opened with the host's secret. */
export function desktopCacheKey(dataDir: string, userId: string): string {
  const hostKey = readFileSync(join(dataDir, 'host-secret.key'));
  const sealed = readFileSync(join(dataDir, 'keys', `${userId.replace(/[^a-zA-Z0-9-]/g, '')}.key`));
  const decipher = createDecipheriv('aes-256-gcm', hostKey, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}

export function desktopCacheFile(dataDir: string, userId: string): string {
  const name = `${cacheNameFor(userId)}.sqlite`;
  if (!readdirSync(join(dataDir, 'cache')).includes(name)) throw new Error(`no cache file ${name}`);
  return join(dataDir, 'cache', name);
}

/** Every page of an encrypted cache file, decrypted; throws if a page fails its HMAC. */
export function decryptAllPages(filePath: string, passphrase: string): Buffer[] {
  const file = readFileSync(filePath);
  if (file.length % PAGE !== 0) throw new Error(`${filePath} is not whole pages (${file.length} bytes)`);
  const salt = file.subarray(0, SALT);
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, 256_000, 32, 'sha512');
  const hmacSalt = Buffer.from(salt.map((byte) => byte ^ 0x3a));
  const hmacKey = pbkdf2Sync(key, hmacSalt, 2, 32, 'sha512');
  const pages: Buffer[] = [];
  for (let index = 0; index < file.length / PAGE; index++) {
    const page = file.subarray(index * PAGE, (index + 1) * PAGE);
    const start = index === 0 ? FIRST_PAGE_START : 0;
    const encrypted = page.subarray(start, PAGE - RESERVE);
    const iv = page.subarray(PAGE - RESERVE, PAGE - HMAC);
    const pageNumber = Buffer.alloc(4);
    pageNumber.writeUInt32LE(index + 1);
    const expected = createHmac('sha512', hmacKey).update(encrypted).update(iv).update(pageNumber).digest();
    if (!expected.equals(page.subarray(PAGE - HMAC))) {
      throw new Error(`page ${index + 1} of ${filePath} failed its HMAC: wrong key or format`);
    }
    pages.push(decryptCbcWithStealing(key, iv, encrypted));
  }
  return pages;
}

/**
 * AES-256-CBC as SQLite3 Multiple Ciphers applies it to a length that is not whole blocks (page
 * 1: 3992 bytes): ciphertext stealing, the last partial block folded into the one before it.
 */
function decryptCbcWithStealing(key: Buffer, iv: Buffer, input: Buffer): Buffer {
  const fragment = input.length % 16;
  if (fragment === 0) {
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([decipher.update(input), decipher.final()]);
  }
  const offset = (Math.floor(input.length / 16) - 1) * 16;
  const head = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const out = Buffer.concat([head.update(input.subarray(0, offset)), head.final()]);
  const block = decryptBlock(key, input.subarray(offset, offset + 16));
  const tail = Buffer.alloc(fragment);
  for (let i = 0; i < fragment; i++) tail[i] = (block[i] ?? 0) ^ (input[offset + 16 + i] ?? 0);
  const stolen = Buffer.concat([
    input.subarray(offset + 16, offset + 16 + fragment),
    block.subarray(fragment),
  ]);
  const previous = offset === 0 ? iv : input.subarray(offset - 16, offset);
  const last = decryptBlock(key, stolen).map((byte, i) => byte ^ (previous[i] ?? 0));
  return Buffer.concat([out, last, tail]);
}

function decryptBlock(key: Buffer, block: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([decipher.update(block), decipher.final()]);
}
