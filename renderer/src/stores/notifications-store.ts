import { create } from 'zustand';
import type { StaffNotificationView } from '../../../shared/domain/requests';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';
import { useInboxStore } from './inbox-store';

type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The Inbox's notifications (a request of the viewer's was fulfilled). Their unread count is the
 * inbox store's `counts`, made by main with the conversations' so the badge counts each once.
 */
interface NotificationsState {
  entries: StaffNotificationView[];
  status: ListStatus;
  error: string | null;
  selected: string[];
  marking: boolean;
  markError: string | null;
  /** Reads the list; rows on screen stay while it is read again. */
  load(): Promise<void>;
  setSelected(id: string, selected: boolean): void;
  selectAll(selected: boolean): void;
  mark(ids: string[], read: boolean): Promise<boolean>;
  reset(): void;
}

const LIST_LIMIT = 200;
let latestList = 0;

export const useNotificationsStore = create<NotificationsState>()((set, get) => ({
  entries: [],
  status: 'idle',
  error: null,
  selected: [],
  marking: false,
  markError: null,

  async load() {
    const request = ++latestList;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const entries = [...(await bridge.notifications.list({ limit: LIST_LIMIT }))].sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      );
      if (request !== latestList) return;
      const present = new Set(entries.map((entry) => entry.id));
      set({
        entries,
        status: 'ready',
        error: null,
        selected: get().selected.filter((id) => present.has(id)),
      });
    } catch (error) {
      if (request !== latestList) return;
      // The badge and rows keep their last state; the next change or reconnect reads again.
      if (get().status === 'ready') return;
      set({ status: 'error', error: messageOf(error) });
    }
  },

  setSelected(id, selected) {
    const others = get().selected.filter((each) => each !== id);
    set({ selected: selected ? [...others, id] : others });
  },

  selectAll(selected) {
    set({ selected: selected ? get().entries.map((entry) => entry.id) : [] });
  },

  async mark(ids, read) {
    if (ids.length === 0 || get().marking) return false;
    set({ marking: true, markError: null });
    // Shown at once: the rows change as the person clicks, and go back if it fails; the counts are
    // read again from main once the change is made.
    const before = get().entries;
    const chosen = new Set(ids);
    const entries = before.map((entry) => (chosen.has(entry.id) ? { ...entry, read } : entry));
    set({ entries });
    try {
      await bridge.notifications.mark({ ids, read });
      set({ selected: get().selected.filter((id) => !chosen.has(id)) });
      return true;
    } catch (error) {
      set({ entries: before, markError: messageOf(error) });
      return false;
    } finally {
      set({ marking: false });
      void get().load();
      void useInboxStore.getState().loadCount();
    }
  },

  reset() {
    latestList++;
    set({
      entries: [],
      status: 'idle',
      error: null,
      selected: [],
      marking: false,
      markError: null,
    });
  },
}));
