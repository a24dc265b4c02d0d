import { type ReactNode, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useModalDialog } from '../lib/use-modal-dialog';
import { Icon, type IconName } from './Icon';

interface ConfirmDialogProps {
  title: string;
  /** Read out with the title when the question opens. */
  message: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** 'danger' for something that deletes or cuts off; the confirm button is then red. */
  tone?: 'danger' | 'primary';
  icon?: IconName;
  /** While the confirmed action runs: both buttons wait, Escape does nothing. */
  busy?: boolean;
  /** Why the action failed, shown above the buttons so the person can try again or back out. */
  error?: string | null;
}

/**
 * A question before something that cannot be taken back (role alertdialog). The safe choice is
 * focused, so Enter pressed out of habit does not confirm. Rendered into <body> like AlertDialog,
 * so it can open from anywhere, including the lock screen.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  tone = 'danger',
  icon = 'warning',
  busy = false,
  error = null,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();
  const { ref, onKeyDown } = useModalDialog({ onCancel, busy, initialFocus: () => cancelRef.current });

  return createPortal(
    <dialog
      ref={ref}
      role="alertdialog"
      className="dialog dialog--alert"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onKeyDown={onKeyDown}
    >
      <div className="alert-dialog">
        <span className={`alert-dialog__icon alert-dialog__icon--${tone}`}>
          <Icon name={icon} size={22} />
        </span>
        <div className="alert-dialog__text">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <div id={messageId} className="alert-dialog__message">
            {message}
          </div>
          {error && (
            <p className="alert alert--error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
      <footer className="dialog__footer">
        <button
          ref={cancelRef}
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={onCancel}
        >
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button ${tone === 'danger' ? 'button--danger' : 'button--primary'}`}
          disabled={busy}
          aria-busy={busy}
          onClick={onConfirm}
        >
          {busy && <span className="spinner" aria-hidden="true" />}
          {confirmLabel}
        </button>
      </footer>
    </dialog>,
    document.body,
  );
}
