/**
 * Whether the renderer can reach the desktop's services at all. Inside Electron that is always
 * true; over the browser host's WebSocket the socket can drop and come back, and the UI says so
 * instead of letting calls fail silently.
 */
export type BridgeConnectionState = 'open' | 'connecting' | 'closed';

export interface BridgeConnection {
  readonly state: BridgeConnectionState;
  subscribe(listener: (state: BridgeConnectionState) => void): () => void;
}

/** A connection whose state only its owner can change. */
export function createConnectionState(initial: BridgeConnectionState): BridgeConnection & {
  set(state: BridgeConnectionState): void;
} {
  let state = initial;
  const listeners = new Set<(state: BridgeConnectionState) => void>();
  return {
    get state() {
      return state;
    },
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
