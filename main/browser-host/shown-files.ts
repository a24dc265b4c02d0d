import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { browserViewType } from '../../shared/domain/document-viewing';

/** Where the browser host serves a document for a tab to show (see browser-host.ts). */
export const HOST_OPEN_PATH = '/host/open/';

/** Long enough to open and reload a file; a link copied out of the tab stops working soon after. */
const LIFETIME_MS = 10 * 60_000;

/**
 * Documents the page asked to Open, each behind an unguessable token that only the bridge (which
 * only this host's own pages reach) hands out. The token, not the file's path, is what the URL
 * carries, so nothing else on this computer can name a client's file to the host.
 */
export class ShownFiles {
  private readonly issued = new Map<string, { path: string; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The URL a tab shows `path` at. */
  issue(path: string): string {
    this.forgetExpired();
    const token = randomBytes(32).toString('base64url');
    this.issued.set(token, { path, until: this.now() + LIFETIME_MS });
    return `${HOST_OPEN_PATH}${token}/${encodeURIComponent(basename(path))}`;
  }

  /** The file behind a URL path below HOST_OPEN_PATH, or null when unknown or expired. */
  find(rest: string): string | null {
    const token = rest.split('/')[0] ?? '';
    const entry = this.issued.get(token);
    if (!entry) return null;
    if (entry.until <= this.now()) {
      this.issued.delete(token);
      return null;
    }
    return entry.path;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, entry] of this.issued) if (entry.until <= now) this.issued.delete(token);
  }
}

/**
 * Serves a file for a tab to show. It comes from the app's own origin, so it must never act as part
 * of the app: only formats that run nothing are served (anything else is refused before a token is
 * issued, and again here), with their exact type and no sniffing, and under a CSP `sandbox` that
 * gives the tab an origin of its own with scripts, forms and plugins off and nothing loaded from
 * anywhere. Even a mislabelled file cannot reach the bridge, the app's storage or the network.
 */
export function serveShownFile(path: string | null, response: ServerResponse): void {
  const type = path ? browserViewType(basename(path)) : null;
  if (!path || !type || !existsSync(path) || !statSync(path).isFile()) {
    response
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
      .end('This link has expired. Open the file again from Portico.');
    return;
  }
  response.writeHead(200, {
    'content-type': type,
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(basename(path))}`,
    'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  createReadStream(path).pipe(response);
}
