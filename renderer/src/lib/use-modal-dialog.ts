import { type KeyboardEvent, type RefObject, useEffect, useRef } from 'react';
import { trapTab } from './focusable';

/**
 * What every modal in the app does with its native <dialog>, from mount to unmount: showModal()
 * (the page behind goes inert, the dialog joins the top layer), focus on `initialFocus`'s choice,
 * Escape routed through `onCancel` (ignored while `busy`) instead of closing the element behind
 * React's back, Tab kept inside, and focus back to whatever opened it. Mount the dialog to open it.
 */
export function useModalDialog(options: {
  onCancel(): void;
  busy?: boolean;
  initialFocus(dialog: HTMLDialogElement): HTMLElement | null | undefined;
}): { ref: RefObject<HTMLDialogElement | null>; onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void } {
  const ref = useRef<HTMLDialogElement>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    latest.current.initialFocus(dialog)?.focus();
    const onCancel = (event: Event) => {
      // `cancel` bubbles from a file input whose chooser was dismissed; only the dialog's own
      // (Escape) means the person wants the dialog gone.
      if (event.target !== dialog) return;
      event.preventDefault();
      if (!latest.current.busy) latest.current.onCancel();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    // React bubbles through portals: a dialog opened from inside another must not have Tab
    // handled twice.
    event.stopPropagation();
    if (ref.current) trapTab(event, ref.current);
  };
  return { ref, onKeyDown };
}
