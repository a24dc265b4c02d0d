import { create } from 'zustand';
import type { LockState } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/envelope';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

/**
 * 'unknown' until the services say (nothing of the app is shown before that, since it may be
 * locked already after a reload); then 'locked' or 'unlocked'.
 */
export type LockStatus = 'unknown' | 'locked' | 'unlocked';

/** How an unlock attempt ended. `signedOut`: too many wrong passwords ended the session. */
export type UnlockOutcome = { ok: true } | { ok: false; message: string; signedOut: boolean };

interface LockStoreState {
  status: LockStatus;
  /** Minutes without input after which the services lock; shown on the lock screen. */
  idleMinutes: number | null;
  unlocking: boolean;
  load(): Promise<void>;
  /** From the 'session:lock' event. */
  set(state: LockState): void;
  /** A call was answered 'locked': lock now, before the event (if any) arrives. */
  lockedByAnswer(): void;
  /** Known without asking, e.g. right after signing in the services start unlocked. */
  markUnlocked(): void;
  unlock(password: string): Promise<UnlockOutcome>;
  reset(): void;
}

export const useLockStore = create<LockStoreState>()((set, get) => ({
  status: 'unknown',
  idleMinutes: null,
  unlocking: false,

  async load() {
    try {
      const state = await bridge.session.lockState();
      get().set(state);
    } catch {
      // Not reachable yet: the reconnect listener loads again; a data call answering 'locked' also tells.
    }
  },

  set(state) {
    set({
      status: state.locked ? 'locked' : 'unlocked',
      idleMinutes: state.idleMinutes || get().idleMinutes,
    });
  },

  lockedByAnswer() {
    if (get().status !== 'locked') set({ status: 'locked' });
  },

  markUnlocked() {
    set({ status: 'unlocked' });
  },

  async unlock(password) {
    if (get().unlocking) return { ok: false, message: '', signedOut: false };
    set({ unlocking: true });
    try {
      await bridge.session.unlock({ password });
      set({ status: 'unlocked', unlocking: false });
      return { ok: true };
    } catch (error) {
      set({ unlocking: false });
      const message = messageOf(error);
      // After too many wrong passwords the services end the session; ask rather than guess from words.
      const signedOut =
        error instanceof BridgeError &&
        error.code === 'unauthorized' &&
        (await bridge.session.get().catch(() => undefined)) === null;
      return { ok: false, message, signedOut };
    }
  },

  reset() {
    set({ status: 'unknown', idleMinutes: null, unlocking: false });
  },
}));
