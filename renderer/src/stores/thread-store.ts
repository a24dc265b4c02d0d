import { create } from 'zustand';
import type { ThreadView } from '../../../shared/domain/messaging';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';
import { useInboxStore } from './inbox-store';

/** 'missing': not on this computer, or no longer visible to this staff member. */
type ThreadStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'error';

interface ThreadState {
  threadId: string | null;
  thread: ThreadView | null;
  status: ThreadStatus;
  error: string | null;
  open(threadId: string): Promise<void>;
  reload(): Promise<void>;
  /** Outbox actions; they throw BridgeError so the row can say what went wrong. */
  retry(outboxId: string): Promise<void>;
  discard(outboxId: string): Promise<void>;
  close(): void;
}

let latestRequest = 0;

/** Opening a conversation is reading it, as in the reference product's Inbox. */
async function markRead(thread: ThreadView): Promise<void> {
  if (!thread.entry.unread) return;
  try {
    await bridge.inbox.mark({ threadIds: [thread.entry.threadId], read: true });
    await useInboxStore.getState().refresh();
  } catch (error) {
    // Still unread in the list is the worst outcome; the conversation itself is on screen.
    console.warn('thread: could not mark as read', messageOf(error));
  }
}

export const useThreadStore = create<ThreadState>()((set, get) => {
  const read = async (threadId: string, quiet: boolean): Promise<ThreadView | null> => {
    const request = ++latestRequest;
    if (!quiet) set({ threadId, thread: null, status: 'loading', error: null });
    try {
      const thread = await bridge.threads.get({ threadId });
      if (request !== latestRequest || get().threadId !== threadId) return null;
      set({ thread, status: thread ? 'ready' : 'missing', error: null });
      return thread;
    } catch (error) {
      if (request !== latestRequest || get().threadId !== threadId) return null;
      if (!(quiet && get().thread)) set({ status: 'error', error: messageOf(error) });
      return null;
    }
  };

  return {
    threadId: null,
    thread: null,
    status: 'idle',
    error: null,

    async open(threadId) {
      const quiet = get().threadId === threadId && get().status === 'ready';
      const thread = await read(threadId, quiet);
      if (thread) await markRead(thread);
    },

    async reload() {
      const { threadId } = get();
      if (!threadId) return;
      const thread = await read(threadId, true);
      // A client's answer arriving while the conversation is open has been read.
      if (thread) await markRead(thread);
    },

    async retry(outboxId) {
      await bridge.outbox.retry({ id: outboxId });
      await get().reload();
    },

    async discard(outboxId) {
      await bridge.outbox.discard({ id: outboxId });
      await get().reload();
    },

    close() {
      latestRequest++;
      set({ threadId: null, thread: null, status: 'idle', error: null });
    },
  };
});
