import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { BRIDGE_SOCKET_PATH, type WireCall, type WireFromHost } from '../../shared/bridge/wire';
import { dispatchBridgeCall } from '../services/bridge-dispatch';
import type { DesktopServices } from '../services/desktop-services';
import { isLoopbackHost, isOwnOrigin } from './host-check';
import { HOST_DOWNLOADS_PATH, type RecordedNotification } from './host-ports';
import { HOST_OPEN_PATH, type ShownFiles, serveShownFile } from './shown-files';
import { receiveStagedFile } from './staging';
import { serveDownload, serveStatic } from './static-files';

export interface BrowserHost {
  url: string;
  close(): Promise<void>;
}

function send(socket: WebSocket, message: WireFromHost): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * Serves the renderer over http and the bridge over a WebSocket, so the real renderer runs in a
 * browser against the real services where Electron cannot start. Only pages from this host may
 * open the bridge: a WebSocket from any other origin is refused, so no website can drive it, and
 * every request must name this computer as its Host (host-check.ts), so no website can reach it
 * under a name of its own.
 */
export async function startBrowserHost(options: {
  services: DesktopServices;
  rendererDir: string;
  port: number;
  host?: string;
  /** Where picked files are received before main checks and uploads them. */
  stagingDir: string;
  /** Notifications the host recorded, shown to tests when NODE_ENV=test. */
  notifications?: RecordedNotification[];
  /** Documents main downloaded for the page to open or save (see DocumentHandoffPort). */
  downloadsDir: string;
  /** The documents the page asked to Open, each behind its own token (the host ports' list). */
  shownFiles: ShownFiles;
}): Promise<BrowserHost> {
  const { services } = options;
  const handlers = services.handlers();
  const listeningPort = () => (httpServer.address() as AddressInfo).port;
  const httpServer: Server = createServer((request, response) => {
    if (!isLoopbackHost(request.headers.host, listeningPort())) {
      response
        .writeHead(403, { 'content-type': 'text/plain' })
        .end('This address serves this computer only.');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (path === '/host/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/host/staging' && request.method === 'POST') {
      // Only this host's own pages may put files on this computer.
      if (!isOwnOrigin(request.headers.origin, request.headers.host, listeningPort())) {
        response.writeHead(403).end();
        return;
      }
      void receiveStagedFile(options.stagingDir, request, response);
      return;
    }
    if (path.startsWith(HOST_DOWNLOADS_PATH) && request.method === 'GET') {
      if (fromAnotherSite(request)) {
        response.writeHead(403).end();
        return;
      }
      serveDownload(options.downloadsDir, path.slice(HOST_DOWNLOADS_PATH.length), response);
      return;
    }
    if (path.startsWith(HOST_OPEN_PATH) && request.method === 'GET') {
      // The token came through the bridge, which only this host's pages reach; a tab opened by
      // another site is refused even with it.
      if (fromAnotherSite(request)) {
        response.writeHead(403).end();
        return;
      }
      serveShownFile(options.shownFiles.find(path.slice(HOST_OPEN_PATH.length)), response);
      return;
    }
    if (path === '/host/test/notifications' && process.env.NODE_ENV === 'test') {
      handleTestNotifications(request, response, options.notifications ?? []);
      return;
    }
    serveStatic(options.rendererDir, request, response);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  httpServer.on('upgrade', (request, socket, head) => {
    if (
      !isOwnOrigin(request.headers.origin, request.headers.host, listeningPort()) ||
      new URL(request.url ?? '/', 'http://host').pathname !== BRIDGE_SOCKET_PATH
    ) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribe = services.events.onAny((event, payload) =>
      send(ws, { type: 'event', event, payload }),
    );
    ws.on('message', (raw) => {
      let call: WireCall;
      try {
        call = JSON.parse(String(raw)) as WireCall;
      } catch {
        return;
      }
      if (call?.type !== 'call' || typeof call.id !== 'number') return;
      void dispatchBridgeCall(handlers, call.channel, call.args).then((envelope) =>
        send(ws, { type: 'result', id: call.id, envelope }),
      );
    });
    ws.on('close', unsubscribe);
  });

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const address = httpServer.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** Browsers mark requests that another site's page made; only this app's own pages may fetch files. */
function fromAnotherSite(request: import('node:http').IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/**
 * Test-only (NODE_ENV=test): lists the OS notifications the host recorded, and clicks one
 * (POST ?index=n) the way a person clicks a notification.
 */
function handleTestNotifications(
  request: import('node:http').IncomingMessage,
  response: import('node:http').ServerResponse,
  notifications: RecordedNotification[],
): void {
  const url = new URL(request.url ?? '/', 'http://host');
  if (request.method === 'POST') {
    notifications[Number(url.searchParams.get('index'))]?.click();
    response.writeHead(204).end();
    return;
  }
  const listed = notifications.map(({ click: _click, ...rest }) => rest);
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(listed));
}
