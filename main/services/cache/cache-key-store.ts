import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecureStoragePort } from '../ports';

/**
 * The encryption key of each staff member's cache. Keys are random, and are written to disk only
 * encrypted by the OS keychain (Electron safeStorage), so a copied laptop disk reveals nothing.
 * Forgetting a key makes its cache unreadable even if a file were left behind.
 */
export class CacheKeyStore {
  constructor(
    private readonly folder: string,
    private readonly secureStorage: SecureStoragePort,
  ) {}

  private pathFor(userId: string): string {
    return join(this.folder, `${userId.replace(/[^a-zA-Z0-9-]/g, '')}.key`);
  }

  keyFor(userId: string): string {
    const path = this.pathFor(userId);
    if (existsSync(path)) return this.secureStorage.decrypt(readFileSync(path));
    const key = randomBytes(32).toString('hex');
    mkdirSync(this.folder, { recursive: true });
    writeFileSync(path, this.secureStorage.encrypt(key), { mode: 0o600 });
    return key;
  }

  forget(userId: string): void {
    rmSync(this.pathFor(userId), { force: true });
  }
}
