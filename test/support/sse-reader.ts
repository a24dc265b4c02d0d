import { get, type IncomingMessage } from 'node:http';

/** One server-sent event: its `event:` name and its `data:` lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

type Waiter = { match: (event: SseEvent) => boolean; resolve: (event: SseEvent) => void };

/**
 * A small EventSource for tests (Node 20 has none): reads a text/event-stream response as it
 * streams in, keeps every event in order, and lets a test wait for one that matches.
 */
export class SseReader {
  readonly events: SseEvent[] = [];
  readonly status: number;
  readonly contentType: string;
  /** Resolves when the server ends the stream (or the reader is closed). */
  readonly ended: Promise<void>;
  private readonly waiters = new Set<Waiter>();
  private buffer = '';

  private constructor(private readonly response: IncomingMessage) {
    this.status = response.statusCode ?? 0;
    this.contentType = String(response.headers['content-type'] ?? '');
    this.ended = this.read(response);
  }

  /**
   * Opens the stream on a connection of its own (node:http without an agent), so a long-lived
   * stream never occupies or disturbs the connection pool the test's fetch calls share.
   */
  static open(url: string, token: string): Promise<SseReader> {
    return new Promise((resolve, reject) => {
      const request = get(
        url,
        { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
        (response) => resolve(new SseReader(response)),
      );
      request.on('error', reject);
    });
  }

  private read(response: IncomingMessage): Promise<void> {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.drain();
    });
    // Ended by the server, closed by close(), or the connection dropped: the stream is over.
    return new Promise((resolve) => response.once('close', () => resolve()));
  }

  private drain(): void {
    for (;;) {
      const boundary = /\r?\n\r?\n/.exec(this.buffer);
      if (!boundary) return;
      const block = this.buffer.slice(0, boundary.index);
      this.buffer = this.buffer.slice(boundary.index + boundary[0].length);
      const event = parseBlock(block);
      if (event) this.deliver(event);
    }
  }

  private deliver(event: SseEvent): void {
    this.events.push(event);
    for (const waiter of this.waiters) {
      if (!waiter.match(event)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(event);
    }
  }

  /** The first event, already received or still to come, that matches; fails after `timeoutMs`. */
  waitFor(match: (event: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `no matching event within ${timeoutMs} ms; got ${this.events.map((e) => e.event).join(', ')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  close(): Promise<void> {
    this.response.destroy();
    return this.ended;
  }
}

/** One block of lines up to a blank line; comment-only blocks (keep-alives) are not events. */
function parseBlock(block: string): SseEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  let sawField = false;
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    sawField = true;
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return sawField ? { event, data: data.join('\n') } : undefined;
}
