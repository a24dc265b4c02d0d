import { useSyncStore } from '../../stores/sync-store';

/**
 * What to say once a message is in the outbox. It goes out at once when the agency server is
 * reachable; otherwise it waits on this computer, and the person should know it has not gone yet.
 */
export function sentText(): string {
  const state = useSyncStore.getState().status?.state;
  return state === 'online' || state === 'syncing' ? 'Message sent' : "Saved to send when you're back online";
}
