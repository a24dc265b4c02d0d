import type { PorticoApi } from '../../../shared/bridge/api';
import { createPorticoApi } from '../../../shared/bridge/api';
import type { BridgeChannel } from '../../../shared/bridge/channels';
import { type BridgeEnvelope, BridgeError } from '../../../shared/bridge/envelope';
import { BRIDGE_SOCKET_PATH, type WireCall, type WireFromHost } from '../../../shared/bridge/wire';
import { type BridgeConnection, createConnectionState } from './connection';
import { createEventHub } from './event-hub';

/** Reconnect delays grow from BASE to MAX so a restarting host is not hammered. */
const RECONNECT_BASE_MS = 250;
const RECONNECT_MAX_MS = 8_000;
/** How long a call made while the socket is down waits for it to come back before giving up. */
const QUEUED_CALL_TIMEOUT_MS = 10_000;

const OFFLINE_MESSAGE = 'Portico can’t reach its services on this computer right now. Try again in a moment.';

interface Pending {
  resolve(envelope: BridgeEnvelope<unknown>): void;
  reject(error: BridgeError): void;
}

interface Queued extends Pending {
  call: WireCall;
  timer: ReturnType<typeof setTimeout>;
}

export interface WebBridgeOptions {
  url?: string;
  createSocket?: (url: string) => WebSocket;
}

function defaultSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${BRIDGE_SOCKET_PATH}`;
}

function parseMessage(data: unknown): WireFromHost | null {
  if (typeof data !== 'string') return null;
  try {
    const message: unknown = JSON.parse(data);
    if (typeof message !== 'object' || message === null || !('type' in message)) return null;
    return message as WireFromHost;
  } catch {
    return null;
  }
}

/**
 * The bridge over the browser host's WebSocket. Calls carry ids the host repeats in its answer;
 * events arrive unasked. When the socket drops, calls already sent are rejected as offline
 * (nobody can tell whether they ran), calls made meanwhile wait a little for the reconnect.
 */
export function createWebBridge(options: WebBridgeOptions = {}): {
  api: PorticoApi;
  connection: BridgeConnection;
} {
  const url = options.url ?? defaultSocketUrl();
  const createSocket = options.createSocket ?? ((target: string) => new WebSocket(target));
  const connection = createConnectionState('connecting');
  const events = createEventHub();
  const inFlight = new Map<number, Pending>();
  let queue: Queued[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const send = (call: WireCall, pending: Pending): void => {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      const timer = setTimeout(() => {
        queue = queue.filter((entry) => entry.call.id !== call.id);
        pending.reject(new BridgeError('offline', OFFLINE_MESSAGE));
      }, QUEUED_CALL_TIMEOUT_MS);
      queue.push({ ...pending, call, timer });
      return;
    }
    inFlight.set(call.id, pending);
    socket.send(JSON.stringify(call));
  };

  const flushQueue = (): void => {
    const waiting = queue;
    queue = [];
    for (const entry of waiting) {
      clearTimeout(entry.timer);
      send(entry.call, entry);
    }
  };

  const failInFlight = (): void => {
    for (const pending of inFlight.values()) pending.reject(new BridgeError('offline', OFFLINE_MESSAGE));
    inFlight.clear();
  };

  const scheduleReconnect = (): void => {
    if (reconnectTimer) return;
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
    // Jitter keeps several windows from reconnecting in lockstep after a host restart.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const onMessage = (event: MessageEvent): void => {
    const message = parseMessage(event.data);
    if (!message) return;
    if (message.type === 'result') {
      const pending = inFlight.get(message.id);
      if (!pending) return;
      inFlight.delete(message.id);
      pending.resolve(message.envelope);
    } else if (message.type === 'event') {
      events.emit(message.event, message.payload);
    }
  };

  function connect(): void {
    let opened: WebSocket;
    try {
      opened = createSocket(url);
    } catch {
      connection.set('closed');
      scheduleReconnect();
      return;
    }
    socket = opened;
    opened.addEventListener('open', () => {
      attempt = 0;
      connection.set('open');
      flushQueue();
    });
    opened.addEventListener('message', onMessage);
    opened.addEventListener('close', () => {
      if (socket !== opened) return;
      socket = null;
      failInFlight();
      connection.set(attempt >= 3 ? 'closed' : 'connecting');
      scheduleReconnect();
    });
  }

  // Waking a laptop or regaining the network is a good moment to try again without waiting.
  const retryNow = (): void => {
    if (socket || !reconnectTimer) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    connect();
  };
  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retryNow();
  });

  connect();

  const transport = (channel: BridgeChannel, args: unknown): Promise<BridgeEnvelope<unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      send({ type: 'call', id, channel, args }, { resolve, reject });
    });

  return { api: createPorticoApi(transport, events.subscribe), connection };
}
