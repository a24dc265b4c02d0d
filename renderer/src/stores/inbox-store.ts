import { create } from 'zustand';
import type { InboxCounts, InboxEntry } from '../../../shared/domain/messaging';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';
import type { InboxBox } from './navigation-store';

type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

interface InboxState {
  /**
   * The Inbox's counts as main makes them (unread conversations, unread notifications, the badge);
   * null until first read. Shown as they are: adding them up here is how a count gets taken twice.
   */
  counts: InboxCounts | null;
  /** The box `entries` belong to. */
  box: InboxBox;
  entries: InboxEntry[];
  status: ListStatus;
  error: string | null;
  /** Thread ids ticked for a bulk action. */
  selected: string[];
  marking: boolean;
  markError: string | null;
  /** Reads the counts again; the notifications store calls it after marking too. */
  loadCount(): Promise<void>;
  /** Shows one box; the rows already on screen stay while the same box is read again. */
  open(box: InboxBox): Promise<void>;
  /** Reads the count and the open box again, e.g. after sync brought messages. */
  refresh(): Promise<void>;
  setSelected(threadId: string, selected: boolean): void;
  selectAll(selected: boolean): void;
  /** Marks conversations read or unread; throws nothing, the failure shows above the list. */
  mark(threadIds: string[], read: boolean): Promise<boolean>;
  reset(): void;
}

const LIST_LIMIT = 200;
let latestList = 0;
let latestCount = 0;

function newestFirst(entries: InboxEntry[]): InboxEntry[] {
  return [...entries].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
}

export const useInboxStore = create<InboxState>()((set, get) => {
  const readList = async (box: InboxBox, quiet: boolean): Promise<void> => {
    const request = ++latestList;
    if (!quiet) set({ box, status: 'loading', error: null, entries: [], selected: [] });
    try {
      const entries = newestFirst(await bridge.inbox.list({ box, limit: LIST_LIMIT }));
      if (request !== latestList) return;
      // A ticked row that moved to the other box is no longer here to act on.
      const present = new Set(entries.map((entry) => entry.threadId));
      set({
        box,
        entries,
        status: 'ready',
        error: null,
        selected: get().selected.filter((id) => present.has(id)),
      });
    } catch (error) {
      if (request !== latestList) return;
      if (quiet && get().status === 'ready') return;
      set({ status: 'error', error: messageOf(error) });
    }
  };

  return {
    counts: null,
    box: 'unread',
    entries: [],
    status: 'idle',
    error: null,
    selected: [],
    marking: false,
    markError: null,

    async loadCount() {
      const request = ++latestCount;
      try {
        const counts = await bridge.inbox.counts();
        if (request === latestCount) set({ counts });
      } catch {
        // The badge keeps its last number; the next change or reconnect reads it again.
      }
    },

    async open(box) {
      set({ markError: null });
      const same = get().box === box && get().status === 'ready';
      await Promise.all([readList(box, same), get().loadCount()]);
    },

    async refresh() {
      const tasks = [get().loadCount()];
      if (get().status !== 'idle') tasks.push(readList(get().box, true));
      await Promise.all(tasks);
    },

    setSelected(threadId, selected) {
      const others = get().selected.filter((id) => id !== threadId);
      set({ selected: selected ? [...others, threadId] : others });
    },

    selectAll(selected) {
      set({ selected: selected ? get().entries.map((entry) => entry.threadId) : [] });
    },

    async mark(threadIds, read) {
      if (threadIds.length === 0 || get().marking) return false;
      set({ marking: true, markError: null });
      try {
        await bridge.inbox.mark({ threadIds, read });
        set({ selected: get().selected.filter((id) => !threadIds.includes(id)) });
        await get().refresh();
        return true;
      } catch (error) {
        set({ markError: messageOf(error) });
        return false;
      } finally {
        set({ marking: false });
      }
    },

    reset() {
      latestList++;
      latestCount++;
      set({
        counts: null,
        box: 'unread',
        entries: [],
        status: 'idle',
        error: null,
        selected: [],
        marking: false,
        markError: null,
      });
    },
  };
});
