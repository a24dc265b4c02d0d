import { bridge } from '../bridge';

/*
 * Photos are immutable per file id, and a search re-renders the same rows again and again, so
 * each id is asked for once per session; concurrent asks share one call.
 */
const cache = new Map<string, Promise<string | null>>();

export function loadPhoto(fileId: string): Promise<string | null> {
  let entry = cache.get(fileId);
  if (!entry) {
    entry = bridge.files
      .photo({ fileId })
      .then((result) => result?.dataUrl ?? null)
      .catch(() => {
        // A photo that failed (offline, not yet cached) is asked for again next time.
        cache.delete(fileId);
        return null;
      });
    cache.set(fileId, entry);
  }
  return entry;
}

/** On sign-out: the next person at this computer must not see the last one's photos from memory. */
export function clearPhotoCache(): void {
  cache.clear();
}
