import { create } from 'zustand';
import type { InboxEntry } from '../../../shared/domain/messaging';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The conversations with one client that this staff member may see, for the profile's Messages tab. */
interface ClientThreadsState {
  clientId: string | null;
  entries: InboxEntry[];
  status: ListStatus;
  error: string | null;
  open(clientId: string): Promise<void>;
  reload(): Promise<void>;
  close(): void;
}

let latestRequest = 0;

export const useClientThreadsStore = create<ClientThreadsState>()((set, get) => {
  const read = async (clientId: string, quiet: boolean): Promise<void> => {
    const request = ++latestRequest;
    if (!quiet) set({ clientId, entries: [], status: 'loading', error: null });
    try {
      const entries = await bridge.threads.forClient({ clientId });
      if (request !== latestRequest || get().clientId !== clientId) return;
      entries.sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
      set({ entries, status: 'ready', error: null });
    } catch (error) {
      if (request !== latestRequest || get().clientId !== clientId) return;
      if (quiet && get().status === 'ready') return;
      set({ status: 'error', error: messageOf(error) });
    }
  };

  return {
    clientId: null,
    entries: [],
    status: 'idle',
    error: null,

    async open(clientId) {
      const quiet = get().clientId === clientId && get().status === 'ready';
      await read(clientId, quiet);
    },

    async reload() {
      const { clientId } = get();
      if (clientId) await read(clientId, true);
    },

    close() {
      latestRequest++;
      set({ clientId: null, entries: [], status: 'idle', error: null });
    },
  };
});
