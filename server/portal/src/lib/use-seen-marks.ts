import { useCallback, useEffect, useRef } from 'react';
import { markSeen } from '../api/portal-api';

/** Most of a message in view counts as seen; a sliver at the screen's edge does not. */
const SEEN_RATIO = 0.6;
/** Scrolling past many messages sends one mark, for the last of them. */
const SEND_DELAY_MS = 400;

/**
 * Tells the agency which staff messages of a conversation the client had on their screen, so the
 * staff see "Seen": each message element registers through the returned ref maker; once a staff
 * message is mostly in view while the page is visible, the latest such message is sent (the
 * server marks it and every earlier one). Only ever forward; a failed mark is tried again with the
 * next message seen. `order` gives each message id's place in the conversation.
 */
export function useSeenMarks(threadId: string, order: readonly string[]) {
  // Read through refs, so the one observer always marks in the conversation shown now.
  const thread = useRef(threadId);
  thread.current = threadId;
  const places = useRef(new Map<string, number>());
  places.current = new Map(order.map((id, place) => [id, place]));
  const sentPlace = useRef(-1);
  const pending = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const observer = useRef<IntersectionObserver | undefined>(undefined);

  const send = useCallback(() => {
    timer.current = undefined;
    const id = pending.current;
    if (!id) return;
    pending.current = undefined;
    const place = places.current.get(id) ?? -1;
    if (place <= sentPlace.current) return;
    const before = sentPlace.current;
    sentPlace.current = place;
    markSeen(thread.current, id).catch(() => {
      // Not recorded: the next message seen (or this one, seen again) sends it once more.
      if (sentPlace.current === place) sentPlace.current = before;
    });
  }, []);

  // Made on first use: message elements attach (ref callbacks) before this component's effects run.
  const observe = useCallback(
    (element: HTMLElement) => {
      if (typeof IntersectionObserver === 'undefined') return;
      observer.current ??= new IntersectionObserver(
        (entries) => {
          if (document.visibilityState !== 'visible') return;
          for (const entry of entries) {
            if (!entry.isIntersecting || entry.intersectionRatio < SEEN_RATIO) continue;
            const id = (entry.target as HTMLElement).dataset.messageId;
            const place = id === undefined ? -1 : (places.current.get(id) ?? -1);
            const pendingPlace = pending.current ? (places.current.get(pending.current) ?? -1) : -1;
            if (id && place > pendingPlace) pending.current = id;
          }
          if (pending.current && !timer.current) timer.current = setTimeout(send, SEND_DELAY_MS);
        },
        { threshold: [SEEN_RATIO] },
      );
      observer.current.observe(element);
    },
    [send],
  );

  useEffect(
    () => () => {
      observer.current?.disconnect();
      observer.current = undefined;
      if (timer.current) clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );

  /** The ref for a staff message's element; messages from the client are not marked. */
  return useCallback(
    (element: HTMLElement | null) => {
      if (element) observe(element);
    },
    [observe],
  );
}
