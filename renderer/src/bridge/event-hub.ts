import type { Subscribe } from '../../../shared/bridge/api';
import { BRIDGE_EVENTS, type BridgeEventName } from '../../../shared/bridge/channels';

type AnyListener = (payload: unknown) => void;

/** Fan-out of pushed events to subscribers, for transports that receive events as raw messages. */
export function createEventHub(): { subscribe: Subscribe; emit(event: string, payload: unknown): void } {
  const listeners = new Map<BridgeEventName, Set<AnyListener>>();
  const isEventName = (name: string): name is BridgeEventName =>
    (BRIDGE_EVENTS as readonly string[]).includes(name);

  const subscribe: Subscribe = (event, listener) => {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    const entry = listener as AnyListener;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  };

  const emit = (event: string, payload: unknown): void => {
    // A host newer than this renderer may push events it does not know; those are ignored.
    if (!isEventName(event)) return;
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // One broken subscriber must not keep the others from hearing about the change.
        console.error(`bridge: listener for ${event} failed`, error);
      }
    }
  };

  return { subscribe, emit };
}
