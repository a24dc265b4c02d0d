import { type ReactNode, useId } from 'react';
import { focusableWithin } from '../lib/focusable';
import { useModalDialog } from '../lib/use-modal-dialog';
import { Icon } from './Icon';

interface DialogProps {
  title: string;
  description?: string;
  onClose(): void;
  children: ReactNode;
  footer: ReactNode;
  /** Submitting the form inside the dialog: Enter in a field submits, as staff expect. */
  onSubmit(): void;
  /** While saving, Escape and the close button wait so a half-finished save is not abandoned. */
  busy?: boolean;
  /** 'lg' for dialogs that hold an editor rather than a few fields. */
  size?: 'md' | 'lg';
  /** Extra content at the footer's start, e.g. a draft's saved state. */
  footerStart?: ReactNode;
}

/**
 * A modal form on the native <dialog>: showModal() makes the page behind inert and puts the
 * dialog in the top layer; Tab is also kept inside, and focus goes back to whatever opened it.
 * Mount it to open it and unmount it to close it, so its state is fresh every time.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  footer,
  onSubmit,
  busy = false,
  size = 'md',
  footerStart,
}: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const { ref, onKeyDown } = useModalDialog({
    onCancel: onClose,
    busy,
    initialFocus: (dialog) =>
      dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusableWithin(dialog)[0],
  });

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={onKeyDown}
    >
      <form
        className="dialog__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // React bubbles submit through portals: an inner dialog's form must not submit the outer one.
          event.stopPropagation();
          onSubmit();
        }}
      >
        <header className="dialog__header">
          <div>
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="dialog__description">
                {description}
              </p>
            )}
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Close"
            onClick={() => {
              if (!busy) onClose();
            }}
          >
            <Icon name="close" />
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        <footer className="dialog__footer">
          {footerStart && <div className="dialog__footer-start">{footerStart}</div>}
          {footer}
        </footer>
      </form>
    </dialog>
  );
}
