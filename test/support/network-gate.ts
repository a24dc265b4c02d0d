import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface NetworkGate {
  /** Address desktops connect to instead of the server's own. */
  url: string;
  /** From now on every connection is cut, as if the network or the server went away. */
  cut(): void;
  restore(): void;
  /** Resolves once a response matching the predicate has been delivered in full. */
  after(predicate: (request: IncomingMessage) => boolean): Promise<void>;
  /**
   * The next matching request reaches the server, but its answer is lost on the way back: the
   * desktop sees a dropped connection after the server has done the work.
   */
  loseNextAnswer(predicate: (request: IncomingMessage) => boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * A forwarding proxy between a desktop and the agency server that a test can cut at an exact
 * moment (e.g. right after the first page of a sync), so "mid-sync" is a fact, not a race.
 */
export async function startNetworkGate(targetUrl: string): Promise<NetworkGate> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let open = true;
  const waiters: { predicate: (request: IncomingMessage) => boolean; resolve: () => void }[] = [];
  const losers: { predicate: (request: IncomingMessage) => boolean; resolve: () => void }[] = [];

  const server: Server = createServer((request, response) => {
    if (!open) {
      request.socket.destroy();
      return;
    }
    const loser = losers.find((candidate) => candidate.predicate(request));
    if (loser) losers.splice(losers.indexOf(loser), 1);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (upstreamResponse) => {
        if (loser) {
          upstreamResponse.resume();
          upstreamResponse.on('end', () => {
            request.socket.destroy();
            loser.resolve();
          });
          return;
        }
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
        upstreamResponse.on('end', () => {
          for (const waiter of [...waiters]) {
            if (waiter.predicate(request)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
        });
      },
    );
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  });
  server.on('connection', (socket) => {
    if (!open) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    after(predicate) {
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    loseNextAnswer(predicate) {
      return new Promise((resolve) => losers.push({ predicate, resolve }));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
