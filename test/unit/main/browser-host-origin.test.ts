import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHost, startBrowserHost } from '../../../main/browser-host/browser-host';
import { isLoopbackHost } from '../../../main/browser-host/host-check';
import { ShownFiles } from '../../../main/browser-host/shown-files';
import type { DesktopServices } from '../../../main/services/desktop-services';
import { BRIDGE_SOCKET_PATH } from '../../../shared/bridge/wire';

/*
 * The bridge drives everything the desktop can do, so the browser host must open it only to its
 * own pages. A DNS-rebinding page (evil.example pointed at 127.0.0.1) sends its own name as both
 * Host and Origin; only names that always mean this computer may be the Host.
 */

/** Just enough of the services for the host to start: no call is ever answered here. */
const services = {
  handlers: () => ({}),
  events: { onAny: () => () => undefined },
} as unknown as DesktopServices;

let host: BrowserHost;
let port: number;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'portico-host-origin-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Portico</title>');
  host = await startBrowserHost({
    services,
    rendererDir: folder,
    port: 0,
    stagingDir: join(folder, 'staging'),
    downloadsDir: join(folder, 'downloads'),
    shownFiles: new ShownFiles(),
  });
  port = Number(new URL(host.url).port);
});

afterAll(async () => {
  await host.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A raw request to the host (always over 127.0.0.1) with the Host and Origin a page would send. */
function send(
  headers: Record<string, string>,
  options: { path?: string; method?: string; upgrade?: boolean } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request({
      host: '127.0.0.1',
      port,
      path: options.path ?? BRIDGE_SOCKET_PATH,
      method: options.method ?? 'GET',
      setHost: false,
      headers: options.upgrade
        ? {
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-version': '13',
            'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
            ...headers,
          }
        : headers,
    });
    outgoing.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const upgrade = (hostHeader: string, origin: string) => send({ host: hostHeader, origin }, { upgrade: true });

describe('the browser host’s bridge socket', () => {
  it('opens to its own pages on 127.0.0.1, localhost and [::1]', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      const own = `${name}:${port}`;
      expect(await upgrade(own, `http://${own}`), own).toBe(101);
    }
  });

  it('refuses a DNS-rebinding page whose Origin matches its own Host', async () => {
    for (const name of [
      'evil.example',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      'evil.localhost',
    ]) {
      const rebound = `${name}:${port}`;
      expect(await upgrade(rebound, `http://${rebound}`), rebound).toBe(403);
    }
    expect(await upgrade('evil.example:5173', 'http://evil.example:5173')).toBe(403);
  });

  it('refuses another origin, a missing origin and Host names that only parse as loopback', async () => {
    const own = `127.0.0.1:${port}`;
    expect(await upgrade(own, 'http://evil.example')).toBe(403);
    expect(await upgrade(own, `http://localhost:${port}`)).toBe(403);
    expect(await upgrade(own, 'null')).toBe(403);
    expect(await send({ host: own }, { upgrade: true })).toBe(403);
    for (const trick of [
      `evil.example@127.0.0.1:${port}`,
      `0x7f.1:${port}`,
      `2130706433:${port}`,
      '127.0.0.1',
    ])
      expect(await upgrade(trick, `http://${trick}`), trick).toBe(403);
  });

  it('serves nothing, and stages no file, under a name that is not this computer', async () => {
    expect(await send({ host: `127.0.0.1:${port}` }, { path: '/' })).toBe(200);
    expect(await send({ host: `evil.example:${port}` }, { path: '/' })).toBe(403);
    expect(await send({ host: `evil.example:${port}` }, { path: '/host/health' })).toBe(403);
    expect(
      await send(
        { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'content-length': '0' },
        { path: '/host/staging', method: 'POST' },
      ),
    ).toBe(403);
  });
});

describe('which Host names are this computer', () => {
  it('accepts loopback names on the listening port only', () => {
    expect(isLoopbackHost('127.0.0.1:5173', 5173)).toBe(true);
    expect(isLoopbackHost('127.1.2.3:5173', 5173)).toBe(true);
    expect(isLoopbackHost('localhost:5173', 5173)).toBe(true);
    expect(isLoopbackHost('[::1]:5173', 5173)).toBe(true);
    expect(isLoopbackHost('localhost', 80)).toBe(true);
    expect(isLoopbackHost('localhost:5174', 5173)).toBe(false);
    expect(isLoopbackHost('127.0.0.1.evil.example:5173', 5173)).toBe(false);
    expect(isLoopbackHost('evil.example:5173', 5173)).toBe(false);
    expect(isLoopbackHost('[::ffff:127.0.0.1]:5173', 5173)).toBe(false);
    expect(isLoopbackHost(undefined, 5173)).toBe(false);
    expect(isLoopbackHost('', 5173)).toBe(false);
  });
});
