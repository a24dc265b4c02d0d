import WebSocket from 'ws';
import { createPorticoApi, type PorticoApi } from '../../shared/bridge/api';
import type { BridgeEventName } from '../../shared/bridge/channels';
import type { BridgeEnvelope } from '../../shared/bridge/envelope';
import { BRIDGE_SOCKET_PATH, type WireFromHost } from '../../shared/bridge/wire';

export interface BridgeSocketClient {
  api: PorticoApi;
  /** Every event received so far, oldest first. */
  events: { event: BridgeEventName; payload: unknown }[];
  close(): void;
}

/**
 * A Node client of the browser host's bridge: the same contract and wire protocol the renderer
 * uses, so integration tests drive a desktop exactly as its UI does.
 */
export async function connectBridge(hostUrl: string): Promise<BridgeSocketClient> {
  const origin = new URL(hostUrl).origin;
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${BRIDGE_SOCKET_PATH}`, {
    headers: { origin },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (envelope: BridgeEnvelope<unknown>) => void>();
  const listeners = new Set<(event: BridgeEventName, payload: unknown) => void>();
  const events: BridgeSocketClient['events'] = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as WireFromHost;
    if (message.type === 'result') {
      pending.get(message.id)?.(message.envelope);
      pending.delete(message.id);
    } else {
      events.push({ event: message.event, payload: message.payload });
      for (const listener of listeners) listener(message.event, message.payload);
    }
  });
  socket.on('close', () => {
    for (const resolve of pending.values())
      resolve({ ok: false, error: { code: 'offline', message: 'bridge closed' } });
    pending.clear();
  });
  const api = createPorticoApi(
    (channel, args) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, channel, args }));
      }),
    (event, listener) => {
      const wrapped = (name: BridgeEventName, payload: unknown) => {
        if (name === event) (listener as (payload: unknown) => void)(payload);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  );
  return { api, events, close: () => socket.close() };
}
