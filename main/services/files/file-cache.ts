import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { AgencyClient } from '../api/agency-client';
import { fileKeyFor, looksSealed, readSealedFile, shredFile, writeSealedFile } from './sealed-files';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/svg+xml']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server paths images come from: client photos and message attachments. */
const SOURCES = {
  photo: (id: string) => `/api/files/${id}`,
  attachment: (id: string) => `/api/attachments/${id}`,
} as const;

export type ImageSource = keyof typeof SOURCES;

/** What the cache tells the file cache about clients. */
export interface FileOwnership {
  /** The client on this computer whose photo this is, or null when no client here has it. */
  photoOwner(fileId: string): Promise<string | null>;
  /** Whether the client is still on this computer (the staff member may still see them). */
  isVisible(clientId: string): Promise<boolean>;
}

/**
 * Images from the agency server (client photos, pictures in messages) and documents on clients'
 * records, kept on disk after the first download so they show offline, sealed with the signed-in staff member's file key
 * (sealed-files.ts) together with whose they are. The renderer gets them as data URLs, which its
 * content security policy allows and which need no token in the page.
 *
 * A photo is given only while its client is on this computer; when a client leaves (access
 * ended), forgetClients() deletes their files. Message pictures are not tied to a client here (the
 * page asks for them by URL), so they are deleted whenever any client leaves and fetched again,
 * if still allowed, when next shown.
 */
export class FileCache {
  private key: Buffer | undefined;
  private ownership: FileOwnership | undefined;

  constructor(
    private readonly folder: string,
    private readonly client: () => AgencyClient,
  ) {
    mkdirSync(folder, { recursive: true });
  }

  /** After a wipe the folder is gone; make it again for the next person. */
  reset(): void {
    mkdirSync(this.folder, { recursive: true });
  }

  /**
   * A staff member signed in: files are sealed with their key from now on. Files from before
   * files were encrypted (a `.bin` that is not sealed, its `.type` beside it) and half-written
   * ones are deleted; they are downloaded again when next shown.
   */
  open(cacheKey: string, ownership: FileOwnership): void {
    this.key = fileKeyFor(cacheKey);
    this.ownership = ownership;
    this.reset();
    for (const name of this.names()) {
      const path = join(this.folder, name);
      if (name.endsWith('.type') || name.endsWith('.tmp')) shredFile(path);
      else if (name.endsWith('.bin') && !looksSealed(readHead(path))) shredFile(path);
    }
  }

  /** Signed out or switching staff member: nothing is read or written without a key. */
  close(): void {
    this.key = undefined;
    this.ownership = undefined;
  }

  async dataUrl(source: ImageSource, id: string): Promise<string | null> {
    const key = this.key;
    const ownership = this.ownership;
    if (!key || !ownership || !UUID.test(id)) return null;
    const path = join(this.folder, `${source}-${id}.bin`);
    const cached = readSealedFile(key, path);
    if (cached) {
      const owner = cached.header.clientId;
      if (owner && !(await ownership.isVisible(owner))) {
        shredFile(path);
        return null;
      }
      return toDataUrl(cached.header.contentType, cached.data);
    }
    // Tampered with, cut, or sealed by another staff member of this computer: never trusted.
    rmSync(path, { force: true });
    const owner = source === 'photo' ? await ownership.photoOwner(id) : '';
    if (owner === null) return null;
    try {
      const file = await this.client().download(SOURCES[source](id));
      const contentType = file.contentType.split(';')[0]?.trim() ?? '';
      if (!IMAGE_TYPES.has(contentType)) return null;
      // A sign-out while downloading: the file is not kept for anyone.
      if (this.key !== key) return null;
      writeSealedFile(key, path, { header: { contentType, clientId: owner }, data: Buffer.from(file.data) });
      return toDataUrl(contentType, file.data);
    } catch (error) {
      // Offline or no longer visible: the page shows a placeholder (initials, a broken-image box).
      if (error instanceof BridgeError) return null;
      throw error;
    }
  }

  /**
   * A document on a client's record: from the sealed copy here, or downloaded once and sealed with
   * its client. Throws what the download throws (offline, no longer allowed).
   */
  async document(
    fileId: string,
    clientId: string,
    download: () => Promise<{ contentType: string; data: Uint8Array }>,
  ): Promise<Buffer> {
    const key = this.key;
    if (!key || !UUID.test(fileId)) throw new BridgeError('unauthorized', 'Sign in to continue.');
    const path = join(this.folder, `document-${fileId}.bin`);
    const cached = readSealedFile(key, path);
    if (cached && cached.header.clientId === clientId) return cached.data;
    rmSync(path, { force: true });
    const file = await download();
    const data = Buffer.from(file.data);
    if (this.key === key) {
      writeSealedFile(key, path, { header: { contentType: file.contentType, clientId }, data });
    }
    return data;
  }

  /**
   * Clients who left this computer: deletes (zeroed, then removed) every file sealed with this
   * staff member's key that belongs to one of them, and every one whose client is unknown.
   * Answers how many were deleted.
   */
  forgetClients(clientIds: ReadonlySet<string>): number {
    const key = this.key;
    if (!key) return 0;
    let deleted = 0;
    for (const name of this.names()) {
      if (!name.endsWith('.bin')) continue;
      const path = join(this.folder, name);
      const file = readSealedFile(key, path);
      if (!file) continue; // another staff member's file: not this one's to judge
      if (file.header.clientId === '' || clientIds.has(file.header.clientId)) {
        shredFile(path);
        deleted++;
      }
    }
    return deleted;
  }

  private names(): string[] {
    try {
      return readdirSync(this.folder);
    } catch {
      return [];
    }
  }
}

function readHead(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}

function toDataUrl(contentType: string, data: Uint8Array): string {
  return `data:${contentType};base64,${Buffer.from(data).toString('base64')}`;
}
