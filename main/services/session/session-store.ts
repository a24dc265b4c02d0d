import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SessionInfo } from '../../../shared/domain/session';
import type { SecureStoragePort } from '../ports';
import type { UnlockVerifier } from './unlock-verifier';

export interface StoredSession {
  token: string;
  info: SessionInfo;
  /** Checks the password when the idle lock asks for it, offline too. */
  unlock: UnlockVerifier;
}

/**
 * Keeps the session across restarts so staff in the field are not asked for their password each
 * time the laptop wakes up offline. The token is encrypted with the OS keychain before it is written.
 */
export class SessionStore {
  constructor(
    private readonly filePath: string,
    private readonly secureStorage: SecureStoragePort,
  ) {}

  load(): StoredSession | undefined {
    if (!existsSync(this.filePath)) return undefined;
    try {
      const plain = this.secureStorage.decrypt(readFileSync(this.filePath));
      const parsed = JSON.parse(plain) as StoredSession;
      if (
        typeof parsed.token !== 'string' ||
        typeof parsed.info?.user?.id !== 'string' ||
        !parsed.unlock?.hash
      )
        return undefined;
      return parsed;
    } catch {
      // Unreadable (keychain changed, file damaged): the person signs in again; nothing else is lost.
      return undefined;
    }
  }

  save(session: StoredSession): void {
    mkdirSync(dirname(this.filePath), { recursive: true });
    writeFileSync(this.filePath, this.secureStorage.encrypt(JSON.stringify(session)), { mode: 0o600 });
  }

  clear(): void {
    rmSync(this.filePath, { force: true });
  }
}
