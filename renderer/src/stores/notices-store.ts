import { create } from 'zustand';
import type { AppNotice } from '../../../shared/domain/notices';
import { bridge } from '../bridge';

interface NoticesStoreState {
  /** What the desktop did on its own (e.g. replaced a damaged cache), oldest first, until dismissed. */
  notices: AppNotice[];
  load(): Promise<void>;
  /** From the 'notices:changed' event. */
  set(notices: AppNotice[]): void;
  dismiss(id: string): Promise<void>;
}

export const useNoticesStore = create<NoticesStoreState>()((set) => ({
  notices: [],

  async load() {
    try {
      set({ notices: await bridge.notices.list() });
    } catch {
      // Keep what is shown; the 'notices:changed' event brings the next list.
    }
  },

  set(notices) {
    set({ notices });
  },

  async dismiss(id) {
    // Gone from the screen at once; the services' event confirms it.
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
    await bridge.notices.dismiss({ id }).catch(() => undefined);
  },
}));
