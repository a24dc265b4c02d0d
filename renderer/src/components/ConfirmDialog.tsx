import { type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { trapTab } from '../lib/focusable';
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
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();
  const onCancelRef = useRef(onCancel);
  onCancelRef.current = onCancel;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    cancelRef.current?.focus();
    const onNativeCancel = (event: Event) => {
      event.preventDefault();
      if (!busyRef.current) onCancelRef.current();
    };
    dialog.addEventListener('cancel', onNativeCancel);
    return () => {
      dialog.removeEventListener('cancel', onNativeCancel);
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return createPortal(
    <dialog
      ref={ref}
      role="alertdialog"
      className="dialog dialog--alert"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onKeyDown={(event) => {
        if (event.key !== 'Tab') return;
        event.stopPropagation();
        if (ref.current) trapTab(event, ref.current);
      }}
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
