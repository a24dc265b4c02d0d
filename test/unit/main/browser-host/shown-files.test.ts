import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostPorts } from '../../../../main/browser-host/host-ports';
import { HOST_OPEN_PATH, ShownFiles, serveShownFile } from '../../../../main/browser-host/shown-files';
import { OPEN_REFUSALS } from '../../../../shared/domain/document-viewing';

/*
 * Open in the browser host: a token per opened file, and responses that keep whatever the file
 * holds from acting as part of the app whose origin serves it.
 */
const folder = mkdtempSync(join(tmpdir(), 'portico-shown-'));
const downloads = join(folder, 'downloads', 'f1');
mkdirSync(downloads, { recursive: true });
const letter = join(downloads, 'letter.txt');
const page = join(downloads, 'page.html');
writeFileSync(letter, '<script>alert(1)</script>Rent is due.');
writeFileSync(page, '<script>alert(1)</script>');

let clock = 0;
const shown = new ShownFiles(() => clock);
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    serveShownFile(shown.find(path.slice(HOST_OPEN_PATH.length)), response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});

describe('files shown in a browser tab', () => {
  it('are served inline with their exact type, no sniffing, and sandboxed', async () => {
    const url = shown.issue(letter);
    expect(url).toMatch(/^\/host\/open\/[\w-]{43}\/letter\.txt$/);
    const response = await fetch(base + url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<script>alert(1)</script>Rent is due.');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': "inline; filename*=UTF-8''letter.txt",
      'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
  });

  it('answer only tokens they issued, until they expire', async () => {
    const url = shown.issue(letter);
    const other = shown.issue(letter);
    expect(other).not.toBe(url);
    expect((await fetch(`${base}${HOST_OPEN_PATH}${'A'.repeat(43)}/letter.txt`)).status).toBe(404);
    clock += 10 * 60_000;
    expect((await fetch(base + url)).status).toBe(404);
  });

  it('never serve a format that could run, even with a token', async () => {
    const url = shown.issue(page);
    const response = await fetch(base + url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('are issued by the host’s Open only for formats a browser shows safely', async () => {
    const ports = createHostPorts(join(folder, 'host'));
    await expect(ports.documents.open(letter)).resolves.toMatch(/^\/host\/open\//);
    for (const name of ['page.html', 'drawing.svg', 'notes.xml', 'report.docx', 'setup.exe']) {
      await expect(ports.documents.open(join(downloads, name))).rejects.toThrow(
        OPEN_REFUSALS.notInBrowser(name),
      );
    }
  });
});
