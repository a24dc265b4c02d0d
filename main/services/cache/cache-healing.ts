import { join } from 'node:path';
import type { RxStorage } from 'rxdb';
import { isDatabaseDamage, moveDatabaseAside } from '../../cache/sqlite-storage';
import { type CacheDatabase, cacheNameFor, openCache } from './open-cache';

/** Why a cache was set aside, and where it went. */
export interface CacheDamage {
  /** SQLite's or the storage's own words, for the log and the admin. */
  reason: string;
  /** The damaged file, moved aside unchanged (still encrypted); null if there was no file to move. */
  keptAt: string | null;
}

/** Where each staff member's cache files live in the data folder (see createCacheStorage). */
export function cacheDirectory(dataDir: string): string {
  return join(dataDir, 'cache');
}

/** The staff member's pending-writes journal: beside the cache folder, never inside it. */
export function pendingWritesPath(dataDir: string, userId: string): string {
  return join(dataDir, 'pending', `${cacheNameFor(userId)}.journal`);
}

/**
 * Opens a staff member's cache; if the file is damaged or cannot be decrypted (the storage's
 * integrity and key checks on open, or a read while the collections open), moves it aside and
 * opens a fresh, empty one in its place, which then syncs from the server like a first sign-in.
 * Anything else (a locked file, a full disk, a bug) is not damage and is thrown as it is.
 */
export async function openHealthyCache(options: {
  dataDir: string;
  userId: string;
  storage: () => RxStorage<unknown, unknown>;
}): Promise<{ db: CacheDatabase; damage: CacheDamage | null }> {
  try {
    return { db: await openCache(options.storage(), options.userId), damage: null };
  } catch (error) {
    if (!isDatabaseDamage(error)) throw error;
    const damage = setCacheAside(options.dataDir, options.userId, error);
    return { db: await openCache(options.storage(), options.userId), damage };
  }
}

/** Moves the staff member's cache files aside (the cache must be closed) and says why. */
export function setCacheAside(dataDir: string, userId: string, error: unknown): CacheDamage {
  const keptAt = moveDatabaseAside({
    databaseDirectory: cacheDirectory(dataDir),
    databaseName: cacheNameFor(userId),
  });
  return { reason: error instanceof Error ? error.message : String(error), keptAt };
}

/**
 * A cache found damaged while open fails the writes and reads under way, some of them in work
 * nobody awaits (a status refresh, RxDB's own queue). The heal has already been told of each
 * (the storage's onDamage) and replaces the cache, so in plain Node, where an unhandled rejection
 * ends the process, those are logged instead; every other unhandled rejection still ends it.
 */
export function survivingCacheDamage(reason: unknown): void {
  if (!isDatabaseDamage(reason)) throw reason;
  console.error('A cache operation failed on a damaged file (the cache is being replaced):', reason);
}
