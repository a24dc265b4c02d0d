import { type RefObject, useEffect } from 'react';

/**
 * Closes a popover or menu on Escape (focus back to its trigger) and on a click outside both
 * the trigger and the panel, the way native menus behave.
 */
export function useDismiss(
  open: boolean,
  close: () => void,
  trigger: RefObject<HTMLElement | null>,
  panel: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Taken here: inside a modal dialog, Escape would otherwise also close the dialog.
      event.preventDefault();
      event.stopPropagation();
      close();
      trigger.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!target) return;
      if (trigger.current?.contains(target) || panel.current?.contains(target)) return;
      close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close, trigger, panel]);
}
