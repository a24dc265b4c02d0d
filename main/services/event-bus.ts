import type { BridgeEventName } from '../../shared/bridge/channels';
import type { BridgeEvents } from '../../shared/bridge/contract';

type Listener<E extends BridgeEventName> = (payload: BridgeEvents[E]) => void;

/** The events main pushes to renderers; each transport (IPC, WebSocket) subscribes once. */
export class EventBus {
  private readonly listeners = new Set<(event: BridgeEventName, payload: unknown) => void>();

  emit<E extends BridgeEventName>(event: E, payload: BridgeEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Receives every event, for forwarding over a transport. */
  onAny(listener: (event: BridgeEventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends BridgeEventName>(event: E, listener: Listener<E>): () => void {
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as BridgeEvents[E]);
    });
  }
}
