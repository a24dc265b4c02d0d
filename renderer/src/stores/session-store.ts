import { create } from 'zustand';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { SessionInfo } from '../../../shared/domain/session';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';
import { useLockStore } from './lock-store';
import { showToast } from './toast-store';

type SessionPhase = 'loading' | 'signed-out' | 'signed-in';

interface SessionState {
  phase: SessionPhase;
  session: SessionInfo | null;
  signingIn: boolean;
  signInError: string | null;
  signingOut: boolean;
  /**
   * The services refused a sign-out because work would be lost: their words (how many changes and
   * drafts), shown in a confirmation before anything is deleted.
   */
  signOutConflict: string | null;
  /** Shown on the sign-in screen so staff can tell which agency server they are signing in to. */
  appInfo: { version: string; serverUrl: string } | null;
  load(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  /** `force`: the person confirmed that unsent work on this computer may be deleted. */
  signOut(options?: { force?: boolean }): Promise<void>;
  /** "Keep working": the sign-out question is dismissed and nothing happens. */
  cancelSignOut(): void;
  /** From the 'session:changed' event: sign-in elsewhere, expiry, sign-out in another window. */
  setSession(session: SessionInfo | null): void;
  /** The session ended for a reason the sign-in screen should give (e.g. too many wrong passwords). */
  endedBecause(message: string): void;
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  phase: 'loading',
  session: null,
  signingIn: false,
  signInError: null,
  signingOut: false,
  signOutConflict: null,
  appInfo: null,

  async load() {
    try {
      const [session, info] = await Promise.all([bridge.session.get(), bridge.app.info()]);
      set({
        session,
        phase: session ? 'signed-in' : 'signed-out',
        appInfo: { version: info.version, serverUrl: info.serverUrl },
      });
    } catch {
      // The bridge is not reachable yet; the connection listener loads again once it is.
    }
  },

  async signIn(username, password) {
    if (get().signingIn) return;
    set({ signingIn: true, signInError: null });
    try {
      const session = await bridge.session.signIn({ username, password });
      // A new session starts unlocked; asking would only flash a blank screen before the app.
      useLockStore.getState().markUnlocked();
      set({ session, phase: 'signed-in', signingIn: false });
    } catch (error) {
      set({ signingIn: false, signInError: messageOf(error) });
    }
  },

  async signOut(options) {
    if (get().signingOut) return;
    set({ signingOut: true });
    try {
      await bridge.session.signOut(options?.force ? { force: true } : undefined);
      set({ signOutConflict: null });
      get().setSession(null);
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'conflict') set({ signOutConflict: error.message });
      else {
        set({ signOutConflict: null });
        showToast(messageOf(error));
      }
    } finally {
      set({ signingOut: false });
    }
  },

  cancelSignOut() {
    set({ signOutConflict: null });
  },

  setSession(session) {
    const { phase, signInError } = get();
    set({
      session,
      phase: session ? 'signed-in' : 'signed-out',
      // A reason already given for the sign-out stays when the services' event follows it.
      signInError: !session && phase === 'signed-out' ? signInError : null,
      signOutConflict: session ? get().signOutConflict : null,
    });
  },

  endedBecause(message) {
    set({ session: null, phase: 'signed-out', signInError: message, signOutConflict: null });
  },
}));
