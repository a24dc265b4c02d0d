import { type ReactNode, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useModalDialog } from '../lib/use-modal-dialog';
import { Icon } from './Icon';

interface AlertDialogProps {
  title: string;
  /** Read out with the title when the alert opens. */
  message: string;
  /** Smaller print under the message, e.g. where a file was kept, for an administrator. */
  detail?: string;
  onClose(): void;
  /** Extra actions before OK, e.g. a link to where the problem can be looked at. */
  actions?: ReactNode;
  closeLabel?: string;
}

/**
 * A pop-up that stops the person to tell them something (role alertdialog), with OK focused.
 * Rendered into <body>, since it opens from inside other dialogs' forms; Escape and OK close it,
 * and focus returns to what opened it.
 */
export function AlertDialog({
  title,
  message,
  detail,
  onClose,
  actions,
  closeLabel = 'OK',
}: AlertDialogProps) {
  const okRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();
  const { ref, onKeyDown } = useModalDialog({ onCancel: onClose, initialFocus: () => okRef.current });

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
        <span className="alert-dialog__icon">
          <Icon name="warning" size={22} />
        </span>
        <div className="alert-dialog__text">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <p id={messageId} className="alert-dialog__message">
            {message}
          </p>
          {detail ? <p className="alert-dialog__detail">{detail}</p> : null}
        </div>
      </div>
      <footer className="dialog__footer">
        {actions}
        <button ref={okRef} type="button" className="button button--primary" onClick={onClose}>
          {closeLabel}
        </button>
      </footer>
    </dialog>,
    document.body,
  );
}
