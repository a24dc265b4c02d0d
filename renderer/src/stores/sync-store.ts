import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/domain/views';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

interface SyncStoreState {
  status: SyncStatus | null;
  /** A "Sync now" the person asked for is under way. */
  requested: boolean;
  requestError: string | null;
  load(): Promise<void>;
  set(status: SyncStatus): void;
  syncNow(): Promise<void>;
  reset(): void;
}

export const useSyncStore = create<SyncStoreState>()((set, get) => ({
  status: null,
  requested: false,
  requestError: null,

  async load() {
    try {
      set({ status: await bridge.sync.status() });
    } catch {
      // Keep the last known status; the 'sync:status' event brings the next one.
    }
  },

  set(status) {
    set({ status });
  },

  async syncNow() {
    if (get().requested) return;
    set({ requested: true, requestError: null });
    try {
      await bridge.sync.now();
    } catch (error) {
      set({ requestError: messageOf(error) });
    } finally {
      set({ requested: false });
    }
  },

  reset() {
    set({ status: null, requested: false, requestError: null });
  },
}));
