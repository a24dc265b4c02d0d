import { type KeyboardEvent, type RefObject, useCallback, useLayoutEffect, useRef } from 'react';

const ITEM = '[data-roving-item]';

function itemsIn(root: HTMLElement | null): HTMLElement[] {
  if (!root) return [];
  return Array.from(root.querySelectorAll<HTMLElement>(ITEM)).filter(
    (item) => !(item as HTMLButtonElement).disabled && item.getClientRects().length > 0,
  );
}

/**
 * WAI-ARIA toolbar keyboard: the toolbar is one Tab stop, and the arrows, Home and End move
 * between its items. Items are marked with `data-roving-item` and may come from any component;
 * their tabindex is set here after every render so the last-focused item keeps the Tab stop.
 */
export function useRovingFocus(root: RefObject<HTMLElement | null>, orientation: 'horizontal' | 'vertical') {
  const current = useRef<HTMLElement | null>(null);

  useLayoutEffect(() => {
    const items = itemsIn(root.current);
    const keeper = current.current && items.includes(current.current) ? current.current : items[0];
    for (const item of root.current?.querySelectorAll<HTMLElement>(ITEM) ?? []) {
      item.tabIndex = item === keeper ? 0 : -1;
    }
  });

  const onFocus = useCallback(
    (event: { target: EventTarget }) => {
      const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(ITEM) : null;
      if (!target) return;
      current.current = target;
      for (const item of root.current?.querySelectorAll<HTMLElement>(ITEM) ?? []) {
        item.tabIndex = item === target ? 0 : -1;
      }
    },
    [root],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const next = orientation === 'horizontal' ? 'ArrowRight' : 'ArrowDown';
      const previous = orientation === 'horizontal' ? 'ArrowLeft' : 'ArrowUp';
      if (![next, previous, 'Home', 'End'].includes(event.key)) return;
      const items = itemsIn(root.current);
      const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const current = active?.closest<HTMLElement>(ITEM);
      const index = current ? items.indexOf(current) : -1;
      if (index < 0) return;
      event.preventDefault();
      const target =
        event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? items.length - 1
            : (index + (event.key === next ? 1 : -1) + items.length) % items.length;
      items[target]?.focus();
    },
    [orientation, root],
  );

  return { onFocus, onKeyDown };
}
