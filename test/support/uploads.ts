import { request as httpRequest } from 'node:http';
import type { ApiResponse } from './api';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** `size` bytes that start like a PNG file (the server checks the signature, not the whole image). */
export function pngBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 8; i < size; i++) bytes[i] = (i * 31) & 0xff;
  bytes.set(PNG_SIGNATURE.slice(0, size));
  return bytes;
}

export interface UploadOptions {
  token: string;
  contentType: string;
  /** Sent without a Content-Length, in chunks of this size, so only the streamed bytes tell the size. */
  chunked?: number;
}

/**
 * Uploads over node:http so an answer the server gives before it has read the whole body (a
 * refusal part way) is still received: the answer resolves the call even if writing the rest
 * then fails because the server closed the connection.
 */
export function upload(baseUrl: string, body: Uint8Array, options: UploadOptions): Promise<ApiResponse> {
  const url = new URL('/api/attachments', baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.token}`,
      'content-type': options.contentType,
    };
    if (options.chunked === undefined) headers['content-length'] = String(body.byteLength);
    const req = httpRequest(url, { method: 'POST', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const isJson = String(response.headers['content-type'] ?? '').includes('application/json');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          if (typeof value === 'string') responseHeaders.set(name, value);
        resolve({
          status: response.statusCode ?? 0,
          headers: responseHeaders,
          body: isJson ? JSON.parse(text) : text,
        });
      });
    });
    // Writing after the server answered and closed fails; the answer is what the test wants.
    req.on('error', (error) => setTimeout(() => reject(error), 2000));
    if (options.chunked === undefined) {
      req.end(body);
      return;
    }
    const step = options.chunked;
    let offset = 0;
    const writeMore = (): void => {
      while (offset < body.byteLength) {
        const chunk = body.subarray(offset, offset + step);
        offset += step;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      req.end();
    };
    writeMore();
  });
}
