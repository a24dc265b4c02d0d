import { bridge } from '../bridge';

/*
 * Message pictures are addressed as `/api/attachments/<id>` on the agency server, which this page
 * cannot load (its CSP allows only its own origin and data: images, and it holds no token). The
 * services fetch them and answer with a data URL. An attachment never changes, so each is asked
 * for once per session, like photos; concurrent asks share one call.
 */
const cache = new Map<string, Promise<string | null>>();

/** A data URL for a message picture, or null when it cannot be had (offline and not cached). */
export function loadAttachment(url: string): Promise<string | null> {
  if (url.startsWith('data:image/')) return Promise.resolve(url);
  let entry = cache.get(url);
  if (!entry) {
    entry = bridge.files
      .attachment({ url })
      .then((result) => result?.dataUrl ?? null)
      .catch(() => {
        // Asked for again next time: the connection may be back by then.
        cache.delete(url);
        return null;
      });
    cache.set(url, entry);
  }
  return entry;
}

/** On sign-out, with the photo cache: the next person must not see these from memory. */
export function clearAttachmentCache(): void {
  cache.clear();
}
