import { Transform, type TransformCallback } from 'node:stream';

/** The picture types a message may show, each with the bytes its files start with. */
export const PICTURE_TYPES = {
  'image/png': { label: 'PNG', extension: 'png', matches: (head: Uint8Array) => startsWith(head, 0, PNG) },
  'image/jpeg': {
    label: 'JPEG',
    extension: 'jpg',
    matches: (head: Uint8Array) => startsWith(head, 0, [0xff, 0xd8, 0xff]),
  },
  'image/gif': {
    label: 'GIF',
    extension: 'gif',
    matches: (head: Uint8Array) =>
      startsWith(head, 0, ascii('GIF87a')) || startsWith(head, 0, ascii('GIF89a')),
  },
  'image/webp': {
    label: 'WebP',
    extension: 'webp',
    matches: (head: Uint8Array) => startsWith(head, 0, ascii('RIFF')) && startsWith(head, 8, ascii('WEBP')),
  },
} as const;

export type PictureType = keyof typeof PICTURE_TYPES;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Enough of a file to recognise every type above. */
const HEAD_BYTES = 12;

function ascii(text: string): number[] {
  return Array.from(text, (character) => character.charCodeAt(0));
}

function startsWith(head: Uint8Array, offset: number, expected: readonly number[]): boolean {
  return expected.every((byte, index) => head[offset + index] === byte);
}

export function isPictureType(value: string): value is PictureType {
  return Object.hasOwn(PICTURE_TYPES, value);
}

export class UploadTooLarge extends Error {
  constructor() {
    super('upload over the size limit');
    this.name = 'UploadTooLarge';
  }
}

export class UploadNotOfType extends Error {
  constructor() {
    super('upload content does not match its content type');
    this.name = 'UploadNotOfType';
  }
}

/**
 * Passes an upload through while counting it: fails with UploadTooLarge as soon as one byte more
 * than `limit` arrives (so nothing past the limit is written), and with UploadNotOfType as soon as
 * the first bytes show the file is not the picture type it was sent as.
 */
export class UploadGuard extends Transform {
  private received = 0;
  private head = new Uint8Array(0);
  private checked = false;

  constructor(
    private readonly limit: number,
    private readonly type: PictureType,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limit) {
      callback(new UploadTooLarge());
      return;
    }
    if (!this.checked) {
      const head = new Uint8Array(this.head.length + chunk.length);
      head.set(this.head);
      head.set(chunk, this.head.length);
      this.head = head.slice(0, HEAD_BYTES);
      if (this.head.length >= HEAD_BYTES) {
        this.checked = true;
        if (!PICTURE_TYPES[this.type].matches(this.head)) {
          callback(new UploadNotOfType());
          return;
        }
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    // Shorter than any real picture's header: whatever it is, it is not one.
    callback(!this.checked && !PICTURE_TYPES[this.type].matches(this.head) ? new UploadNotOfType() : null);
  }
}
