import { createHash } from 'node:crypto';

const MODULUS = 2 ** 32;

/**
 * One version of one replicated document, hashed as the server's doc_hash column does (migration
 * 070): the first 32 bits of md5(`${id}:${serverSeq}`), unsigned. A new server write gives a new
 * serverSeq, so the hash names the version the cache should hold.
 */
export function documentHash(id: string, serverSeq: number): number {
  return createHash('md5').update(`${id}:${serverSeq}`).digest().readUInt32BE(0);
}

/** Adds a hash to a running checksum, modulo 2^32 (sums stay exact: both are below 2^32). */
export function addToChecksum(checksum: number, hash: number): number {
  return (checksum + hash) % MODULUS;
}
