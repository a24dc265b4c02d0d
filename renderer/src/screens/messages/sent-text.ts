import { useSyncStore } from '../../stores/sync-store';

/**
 * What to say once a message is in the outbox. It goes out at once when the agency server is
 * reachable; otherwise it waits on this computer, and the person should know it has not gone yet.
 * To a client not connected to the Customer Portal (`notConnected`: their name) it is stored but
 * not delivered: "sent" would be untrue.
 */
export function sentText(notConnected?: string): string {
  const state = useSyncStore.getState().status?.state;
  if (state !== 'online' && state !== 'syncing') return "Saved to send when you're back online";
  return notConnected
    ? `Message saved: ${notConnected} will see it once connected to the Customer Portal`
    : 'Message sent';
}
