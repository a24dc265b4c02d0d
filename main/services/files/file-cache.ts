import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { AgencyClient } from '../api/agency-client';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/svg+xml']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server paths images come from: client photos and message attachments. */
const SOURCES = {
  photo: (id: string) => `/api/files/${id}`,
  attachment: (id: string) => `/api/attachments/${id}`,
} as const;

export type ImageSource = keyof typeof SOURCES;

/**
 * Images from the agency server (client photos, pictures in messages), kept on disk after the
 * first download so they show offline. The renderer gets them as data URLs, which its content
 * security policy allows and which need no token in the page.
 */
export class FileCache {
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

  async dataUrl(source: ImageSource, id: string): Promise<string | null> {
    if (!UUID.test(id)) return null;
    const dataPath = join(this.folder, `${source}-${id}.bin`);
    const typePath = join(this.folder, `${source}-${id}.type`);
    if (existsSync(dataPath) && existsSync(typePath)) {
      return toDataUrl(readFileSync(typePath, 'utf8'), readFileSync(dataPath));
    }
    try {
      const file = await this.client().download(SOURCES[source](id));
      const contentType = file.contentType.split(';')[0]?.trim() ?? '';
      if (!IMAGE_TYPES.has(contentType)) return null;
      writeFileSync(dataPath, file.data);
      writeFileSync(typePath, contentType);
      return toDataUrl(contentType, file.data);
    } catch (error) {
      // Offline or no longer visible: the page shows a placeholder (initials, a broken-image box).
      if (error instanceof BridgeError) return null;
      throw error;
    }
  }
}

function toDataUrl(contentType: string, data: Uint8Array): string {
  return `data:${contentType};base64,${Buffer.from(data).toString('base64')}`;
}
