import { useCallback, useEffect, useRef, useState } from 'react';
import { isEmptyDocument } from '../../../../shared/rich-text';
import type { RichTextDocument } from '../../../../shared/rich-text/model';
import { bridge } from '../../bridge';

/** Autosave waits this long after the last keystroke, so a draft is never more than ~1s behind. */
const SAVE_DELAY_MS = 700;

export type DraftSaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface LoadedDraft {
  content: RichTextDocument | null;
  updatedAt: string | null;
  /** The saved draft could not be read; the person starts from empty and is told. */
  failed: boolean;
}

/**
 * A message being written, kept on this computer: read once when the editor opens, saved a
 * moment after each change and at once when the editor closes. Saves run one after another, so
 * an older save can never land after a newer one (or after a discard).
 */
export function useDraft(key: string, clientId: string, threadId: string | null) {
  const [loaded, setLoaded] = useState<LoadedDraft | null>(null);
  const [saveState, setSaveState] = useState<DraftSaveState>('idle');
  const pending = useRef<RichTextDocument | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const stored = useRef(false);
  const lastSaveOk = useRef(true);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    bridge.drafts
      .get({ key })
      .then((draft) => {
        stored.current = draft !== null;
        if (live)
          setLoaded({ content: draft?.content ?? null, updatedAt: draft?.updatedAt ?? null, failed: false });
      })
      .catch(() => {
        if (live) setLoaded({ content: null, updatedAt: null, failed: true });
      });
    return () => {
      live = false;
    };
  }, [key]);

  const enqueue = useCallback((task: () => Promise<void>): Promise<void> => {
    queue.current = queue.current.then(task, task);
    return queue.current;
  }, []);

  const write = useCallback(
    (content: RichTextDocument) =>
      enqueue(async () => {
        setSaveState('saving');
        try {
          if (isEmptyDocument(content)) {
            // An emptied editor leaves no draft behind to be restored next time.
            if (stored.current) await bridge.drafts.discard({ key });
            stored.current = false;
            setSaveState('idle');
          } else {
            await bridge.drafts.save({ key, clientId, threadId, content });
            stored.current = true;
            setSaveState('saved');
          }
          lastSaveOk.current = true;
        } catch {
          lastSaveOk.current = false;
          setSaveState('error');
        }
      }),
    [enqueue, key, clientId, threadId],
  );

  /** Saves what is waiting now; resolves to whether the draft on this computer is up to date. */
  const flush = useCallback((): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const content = pending.current;
    pending.current = null;
    return (content ? write(content) : queue.current).then(() => lastSaveOk.current);
  }, [write]);

  const schedule = useCallback(
    (content: RichTextDocument) => {
      pending.current = content;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
    },
    [flush],
  );

  /** Forgets the draft: after sending, or when the person discards it. */
  const discard = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    return enqueue(async () => {
      await bridge.drafts.discard({ key });
      stored.current = false;
      setSaveState('idle');
    });
  }, [enqueue, key]);

  // Closing the editor saves what is there, even mid-pause.
  useEffect(() => () => void flush(), [flush]);

  return { loaded, saveState, schedule, flush, discard };
}
