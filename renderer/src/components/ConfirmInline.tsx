import { useEffect, useId, useRef } from 'react';

interface ConfirmInlineProps {
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
}

/**
 * A second step for something that cannot be undone, in place of the button that asked for it.
 * Focus lands on the safe choice, so a double Enter does not confirm by accident.
 */
export function ConfirmInline({
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy,
}: ConfirmInlineProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const textId = useId();
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div className="confirm-inline">
      <span id={textId} className="confirm-inline__text">
        {message}
      </span>
      <button
        ref={cancelRef}
        type="button"
        aria-describedby={textId}
        className="button button--ghost button--sm"
        disabled={busy}
        onClick={onCancel}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            // Escape backs out of the question, not out of the dialog around it.
            event.preventDefault();
            event.stopPropagation();
            onCancel();
          }
        }}
      >
        {cancelLabel}
      </button>
      <button
        type="button"
        className="button button--danger button--sm"
        aria-describedby={textId}
        disabled={busy}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
    </div>
  );
}
