import type { StreamEvent } from '../../../shared/replication/protocol';
import { SseParser } from './sse-parser';

export type StreamConnectionState = 'connecting' | 'open' | 'closed';

export interface LiveStreamHandlers {
  onEvent(event: StreamEvent): void;
  onState(state: StreamConnectionState): void;
  /** The server refused the token: the session is over and retrying will not help. */
  onUnauthorized(): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

/**
 * How long a connection may stay silent before it is given up and dialled again. The server sends a
 * keep-alive comment every 20 s, so silence past this means a connection that will never answer:
 * a dial made while the network was cut (a relay or proxy that accepted it and forwards nothing),
 * or a link that died without closing. Without this the desktop would stay "connecting" for good.
 */
export interface StreamTimeouts {
  /** From the dial until the server's answer (its headers). */
  answerMs: number;
  /** Between any two pieces of the stream once it is open. */
  silenceMs: number;
}

export const DEFAULT_STREAM_TIMEOUTS: StreamTimeouts = { answerMs: 15_000, silenceMs: 50_000 };

/**
 * The desktop's end of the server's live stream. It reconnects with backoff after any drop; each
 * new connection starts with the server's resync event, so nothing said while away is missed.
 * Node 20 has no EventSource, and the stream needs an Authorization header, so it reads the
 * response body of a fetch.
 */
export class LiveStreamClient {
  private abort: AbortController | undefined;
  private stopped = true;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly token: () => string | undefined,
    private readonly handlers: LiveStreamHandlers,
    private readonly timeouts: StreamTimeouts = DEFAULT_STREAM_TIMEOUTS,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.abort?.abort();
    this.abort = undefined;
  }

  /** Drops the connection and dials again at once (e.g. the person pressed "Sync now"). */
  reconnectNow(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryMs = FIRST_RETRY_MS;
    this.abort?.abort();
    void this.connect();
  }

  private async connect(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.handlers.onState('connecting');
    // Given up when silent for too long (see StreamTimeouts); every piece that arrives resets it.
    let watchdog: NodeJS.Timeout | undefined;
    const expectWithin = (ms: number) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => abort.abort(new Error('the live stream went silent')), ms);
    };
    expectWithin(this.timeouts.answerMs);
    try {
      const response = await fetch(this.url, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${this.token() ?? ''}` },
        signal: abort.signal,
      });
      if (response.status === 401) {
        this.stopped = true;
        this.handlers.onState('closed');
        this.handlers.onUnauthorized();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      this.handlers.onState('open');
      this.retryMs = FIRST_RETRY_MS;
      expectWithin(this.timeouts.silenceMs);
      const parser = new SseParser();
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        expectWithin(this.timeouts.silenceMs);
        for (const message of parser.push(decoder.decode(chunk, { stream: true })))
          this.dispatch(message.event, message.data);
      }
      throw new Error('stream ended');
    } catch {
      if (abort !== this.abort || this.stopped) return;
      this.handlers.onState('closed');
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    } finally {
      clearTimeout(watchdog);
    }
  }

  private dispatch(event: string, data: string): void {
    if (event === 'session-ended') {
      this.stopped = true;
      this.abort?.abort();
      this.handlers.onState('closed');
      this.handlers.onUnauthorized();
      return;
    }
    if (event !== 'changes' && event !== 'resync') return;
    try {
      this.handlers.onEvent(JSON.parse(data) as StreamEvent);
    } catch {
      // A malformed event is dropped; the next resync brings whatever it carried.
    }
  }
}
