import { useEffect, useState } from 'react';
import { loadPhoto } from './photo-cache';

/** The photo's data URL, or null while loading and when the client has none. */
export function usePhoto(fileId: string): string | null {
  const [loaded, setLoaded] = useState<{ fileId: string; url: string | null } | null>(null);
  useEffect(() => {
    if (!fileId) return;
    let live = true;
    void loadPhoto(fileId).then((url) => {
      if (live) setLoaded({ fileId, url });
    });
    return () => {
      live = false;
    };
  }, [fileId]);
  // Keyed on the id so a row reused for another client never flashes the previous photo.
  return fileId && loaded?.fileId === fileId ? loaded.url : null;
}
