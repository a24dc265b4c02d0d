import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { BridgeError } from '../../../shared/bridge/envelope';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import type { AgencyClient } from '../api/agency-client';

/** Magic numbers of the picture formats a message may carry. */
const SIGNATURES: { type: string; test: (head: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    test: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  {
    type: 'image/gif',
    test: (h) =>
      h.subarray(0, 6).toString('latin1') === 'GIF87a' || h.subarray(0, 6).toString('latin1') === 'GIF89a',
  },
  {
    type: 'image/webp',
    test: (h) =>
      h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export interface CheckedFile {
  path: string;
  size: number;
}

/**
 * Checks a file's size with stat before a single byte is read, so a huge file is refused at once
 * and never loaded into memory. The limit and the words are the reference product's.
 */
export async function checkFileSize(path: string): Promise<CheckedFile> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new BridgeError('not_found', 'That file could not be found. It may have been moved or deleted.');
  }
  if (!info.isFile()) throw new BridgeError('invalid_input', 'Choose a file, not a folder.');
  if (info.size > MAX_UPLOAD_BYTES) throw new BridgeError('invalid_input', PRODUCT_TEXTS.invalidFileSize);
  return { path, size: info.size };
}

/** Reads only the first bytes, to tell a real picture from a renamed file. */
export async function detectImageType(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
    return SIGNATURES.find((signature) => signature.test(head))?.type;
  } finally {
    await handle.close();
  }
}

/** Puts a picture from this computer into a message: checked, then streamed to the agency server. */
export async function uploadImage(client: AgencyClient, path: string): Promise<{ url: string }> {
  const file = await checkFileSize(path);
  const contentType = await detectImageType(file.path);
  if (!contentType) throw new BridgeError('invalid_input', 'Choose a PNG, JPEG, GIF or WebP image.');
  const uploaded = await client
    .uploadAttachment(createReadStream(file.path), contentType, file.size)
    .catch((error: unknown) => {
      if (error instanceof BridgeError && error.code === 'offline') {
        throw new BridgeError('offline', 'You’re offline. Images can be added when the connection returns.');
      }
      throw error;
    });
  return { url: uploaded.url };
}
