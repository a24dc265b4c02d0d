import { BridgeError } from '../../../shared/bridge/envelope';
import type { SessionInfo } from '../../../shared/domain/session';
import type { AgencyClient } from '../api/agency-client';
import type { SessionStore, StoredSession } from './session-store';
import { checkUnlockPassword, createUnlockVerifier } from './unlock-verifier';

/** `expired`: the server ended it; `replaced`: a new sign-in took its place. */
export type SignOutReason = 'signed-out' | 'expired' | 'replaced';

export interface SessionListener {
  signedIn(session: StoredSession): Promise<void>;
  /** `signed-out`: the person chose to, and this computer's copy of their records is wiped. */
  signedOut(reason: SignOutReason, userId: string): Promise<void>;
}

/** Who is signed in on this desktop, and the token replication uses. */
export class SessionService {
  private current: StoredSession | undefined;
  /** Whose saved session the last restore() tried to open. */
  restoringUserId: string | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly client: () => AgencyClient,
    private readonly listener: SessionListener,
  ) {}

  get token(): string | undefined {
    return this.current?.token;
  }

  get info(): SessionInfo | null {
    return this.current?.info ?? null;
  }

  /** Picks up the session saved before the app last closed, if it has not expired. */
  async restore(): Promise<SessionInfo | null> {
    this.restoringUserId = undefined;
    const stored = this.store.load();
    if (!stored || Date.parse(stored.info.expiresAt) <= Date.now()) {
      this.store.clear();
      return null;
    }
    this.current = stored;
    this.restoringUserId = stored.info.user.id;
    try {
      await this.listener.signedIn(stored);
    } catch (error) {
      // Not signed in after all; the saved session stays until the person chooses what to do.
      this.current = undefined;
      throw error;
    }
    return stored.info;
  }

  /** Forgets the saved session without telling anyone: nothing was opened with it. */
  forgetSaved(): void {
    this.current = undefined;
    this.store.clear();
  }

  async signIn(username: string, password: string): Promise<SessionInfo> {
    const client = this.client();
    const result = await client.login(username, password);
    // Signing in over a session (the same or another person) closes it without wiping anything.
    if (this.current) await this.endSession('replaced');
    const stored: StoredSession = {
      token: result.token,
      info: { user: result.user, serverUrl: client.baseUrl, expiresAt: result.expiresAt },
      unlock: await createUnlockVerifier(password),
    };
    this.store.save(stored);
    this.current = stored;
    try {
      await this.listener.signedIn(stored);
    } catch (error) {
      // A desktop that could not open its cache is not signed in; the next attempt starts clean.
      this.current = undefined;
      this.store.clear();
      throw error;
    }
    return stored.info;
  }

  async signOut(): Promise<void> {
    if (!this.current) return;
    // The server forgets the token when it can be reached; the desktop forgets it either way.
    await this.client()
      .logout()
      .catch((error: unknown) => {
        if (!(error instanceof BridgeError)) throw error;
      });
    await this.endSession('signed-out');
  }

  /** The server said the token is no longer good (expired, revoked, account deactivated). */
  async expire(): Promise<void> {
    if (!this.current) return;
    await this.endSession('expired');
  }

  /** Whether `password` is the signed-in staff member's, checked on this computer. */
  async checkPassword(password: string): Promise<boolean> {
    if (!this.current) return false;
    return checkUnlockPassword(this.current.unlock, password);
  }

  private async endSession(reason: SignOutReason): Promise<void> {
    const userId = this.current?.info.user.id ?? '';
    this.current = undefined;
    this.store.clear();
    await this.listener.signedOut(reason, userId);
  }
}
