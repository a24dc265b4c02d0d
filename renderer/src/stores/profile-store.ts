import { create } from 'zustand';
import type { ClientPatch } from '../../../shared/bridge/contract';
import type { ClientProfile } from '../../../shared/domain/views';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

/** 'missing': not in this computer's cache, or no longer visible to this staff member. */
type ProfileStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'error';

interface ProfileState {
  clientId: string | null;
  profile: ClientProfile | null;
  status: ProfileStatus;
  error: string | null;
  open(clientId: string): Promise<void>;
  /** Reads the open profile again, e.g. after sync brought changes to it. */
  reload(): Promise<void>;
  /** Saves a change; throws BridgeError so the edit dialog can show what to fix. */
  update(patch: ClientPatch): Promise<void>;
  close(): void;
}

let latestRequest = 0;

export const useProfileStore = create<ProfileState>()((set, get) => {
  const read = async (clientId: string, quiet: boolean): Promise<void> => {
    const request = ++latestRequest;
    if (!quiet) set({ clientId, status: 'loading', error: null, profile: null });
    try {
      const profile = await bridge.clients.get({ id: clientId });
      if (request !== latestRequest || get().clientId !== clientId) return;
      set({ profile, status: profile ? 'ready' : 'missing', error: null });
    } catch (error) {
      if (request !== latestRequest || get().clientId !== clientId) return;
      // A failed background re-read keeps showing what is already there.
      if (quiet && get().profile) return;
      set({ status: 'error', error: messageOf(error) });
    }
  };

  return {
    clientId: null,
    profile: null,
    status: 'idle',
    error: null,

    async open(clientId) {
      if (get().clientId === clientId && get().status === 'ready') return read(clientId, true);
      return read(clientId, false);
    },

    async reload() {
      const { clientId } = get();
      if (clientId) await read(clientId, true);
    },

    async update(patch) {
      const { clientId } = get();
      if (!clientId) return;
      await bridge.clients.update({ id: clientId, patch });
      await read(clientId, true);
    },

    close() {
      latestRequest++;
      set({ clientId: null, profile: null, status: 'idle', error: null });
    },
  };
});
