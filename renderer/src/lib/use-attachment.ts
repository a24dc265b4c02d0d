import { useEffect, useState } from 'react';
import { loadAttachment } from './attachment-cache';

export type AttachmentState =
  | { status: 'loading' }
  | { status: 'ready'; src: string }
  | { status: 'missing' };

/** A message picture's displayable source, resolved through the services. */
export function useAttachment(url: string): AttachmentState {
  const [loaded, setLoaded] = useState<{ url: string; src: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    void loadAttachment(url).then((src) => {
      if (live) setLoaded({ url, src });
    });
    return () => {
      live = false;
    };
  }, [url]);
  if (loaded?.url !== url) return { status: 'loading' };
  return loaded.src ? { status: 'ready', src: loaded.src } : { status: 'missing' };
}
