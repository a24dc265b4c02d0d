import { create } from 'zustand';
import type { RequestSummary } from '../../../shared/domain/requests';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

type ListStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The Customer Portal requests sent to one client: the CUSTOMER PORTAL page and the profile's
 * Customer Portal tab read the same list, so a request sent or cancelled on one shows on the other.
 */
interface RequestsState {
  clientId: string | null;
  /** Newest first. */
  requests: RequestSummary[];
  status: ListStatus;
  error: string | null;
  /** The request whose cancellation is under way. */
  cancelling: string | null;
  cancelError: { requestId: string; message: string } | null;
  open(clientId: string): Promise<void>;
  reload(): Promise<void>;
  /** A request the dialog just queued, shown at once while the list is read again. */
  added(request: RequestSummary): void;
  /** Cancels one of the viewer's open requests; the failure is kept for its row. */
  cancel(requestId: string): Promise<boolean>;
  close(): void;
}

let latestRequest = 0;

export function newestRequestsFirst(requests: readonly RequestSummary[]): RequestSummary[] {
  return [...requests].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

export const useRequestsStore = create<RequestsState>()((set, get) => {
  const read = async (clientId: string, quiet: boolean): Promise<void> => {
    const request = ++latestRequest;
    if (!quiet) set({ clientId, requests: [], status: 'loading', error: null, cancelError: null });
    try {
      const requests = newestRequestsFirst(await bridge.requests.forClient({ clientId }));
      if (request !== latestRequest || get().clientId !== clientId) return;
      set({ requests, status: 'ready', error: null });
    } catch (error) {
      if (request !== latestRequest || get().clientId !== clientId) return;
      // A failed background re-read keeps showing what is already there.
      if (quiet && get().status === 'ready') return;
      set({ status: 'error', error: messageOf(error) });
    }
  };

  return {
    clientId: null,
    requests: [],
    status: 'idle',
    error: null,
    cancelling: null,
    cancelError: null,

    async open(clientId) {
      const quiet = get().clientId === clientId && get().status === 'ready';
      await read(clientId, quiet);
    },

    async reload() {
      const { clientId } = get();
      if (clientId) await read(clientId, true);
    },

    added(request) {
      const others = get().requests.filter((existing) => existing.id !== request.id);
      set({ requests: newestRequestsFirst([request, ...others]) });
      void get().reload();
    },

    async cancel(requestId) {
      if (get().cancelling) return false;
      set({ cancelling: requestId, cancelError: null });
      try {
        await bridge.requests.cancel({ requestId });
        await get().reload();
        return true;
      } catch (error) {
        set({ cancelError: { requestId, message: messageOf(error) } });
        return false;
      } finally {
        set({ cancelling: null });
      }
    },

    close() {
      latestRequest++;
      set({ clientId: null, requests: [], status: 'idle', error: null, cancelling: null, cancelError: null });
    },
  };
});
