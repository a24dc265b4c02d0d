import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { safeFileName } from '../../shared/domain/safe-file-name';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../shared/text/product-texts';

/**
 * In a browser the page cannot tell main where a picked file is, so the browser host receives the
 * file into a staging folder first; main then handles that path exactly as it handles a path from
 * Electron (stat first, then stream). The host stops receiving at the 25MB limit, so even here a
 * huge file is never held whole.
 */
/** The picked file's own name, made safe for any file system; a plain default when absent. */
export function stagedFileName(header: string | string[] | undefined): string {
  let name = '';
  try {
    name = decodeURIComponent(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''));
  } catch {
    name = '';
  }
  return safeFileName(name, 'file');
}

export async function receiveStagedFile(
  stagingDir: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  mkdirSync(stagingDir, { recursive: true });
  const declared = Number(request.headers['content-length'] ?? '0');
  const reply = (status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (declared > MAX_UPLOAD_BYTES) {
    request.resume();
    reply(413, { error: 'invalid_input', message: PRODUCT_TEXTS.invalidFileSize });
    return;
  }
  // Each file gets a folder of its own, so it keeps the name the person knows it by.
  const folder = join(stagingDir, randomUUID());
  mkdirSync(folder);
  const path = join(folder, stagedFileName(request.headers['x-file-name']));
  const out = createWriteStream(path);
  let received = 0;
  let tooLarge = false;
  await new Promise<void>((resolve) => {
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_UPLOAD_BYTES && !tooLarge) {
        tooLarge = true;
        request.unpipe(out);
        request.pause();
        out.end();
      }
    });
    request.pipe(out);
    out.on('close', () => resolve());
    request.on('error', () => out.destroy());
  });
  if (tooLarge) {
    await rm(folder, { recursive: true, force: true });
    reply(413, { error: 'invalid_input', message: PRODUCT_TEXTS.invalidFileSize });
    request.destroy();
    return;
  }
  reply(200, { path });
}
