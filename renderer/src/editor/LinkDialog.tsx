import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { TextField } from '../components/TextField';
import { checkLinkUrl } from './link-url';

interface LinkDialogProps {
  /** The link being edited, or null for a new one. */
  currentUrl: string | null;
  /** A new link with no selected text asks for the words to show. */
  askForText: boolean;
  onSave(url: string, text: string): void;
  onRemove(): void;
  onClose(): void;
}

/**
 * Insert or edit a link. Rendered into <body> because it opens from inside another dialog's form,
 * and forms cannot nest.
 */
export function LinkDialog({ currentUrl, askForText, onSave, onRemove, onClose }: LinkDialogProps) {
  const [url, setUrl] = useState(currentUrl ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [checks, setChecks] = useState(0);

  // After a refused address, focus goes back to it, where its message is read out.
  useEffect(() => {
    if (checks > 0)
      document.querySelector<HTMLInputElement>('.dialog-host--link [aria-invalid="true"]')?.focus();
  }, [checks]);

  const save = () => {
    const checked = checkLinkUrl(url);
    if (!checked.ok) {
      setError(checked.error);
      setChecks((n) => n + 1);
      return;
    }
    onSave(checked.url, text.trim());
  };

  return createPortal(
    <div className="dialog-host--link">
      <Dialog
        title={currentUrl ? 'Edit link' : 'Insert link'}
        description="The client can open it from the message in the Customer Portal; it opens in a new tab."
        onClose={onClose}
        onSubmit={save}
        footerStart={
          currentUrl ? (
            <button type="button" className="button button--ghost button--danger-text" onClick={onRemove}>
              <Icon name="unlink" size={16} />
              Remove link
            </button>
          ) : undefined
        }
        footer={
          <>
            <button type="button" className="button button--ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary">
              {currentUrl ? 'Save link' : 'Insert link'}
            </button>
          </>
        }
      >
        <TextField
          label="Link address"
          value={url}
          onChange={(value) => {
            setUrl(value);
            if (error) setError(undefined);
          }}
          error={error}
          hint="A web address such as https://example.org, or mailto: and an email address."
          placeholder="https://"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          autofocus
        />
        {askForText && (
          <TextField
            label="Text to show"
            value={text}
            onChange={setText}
            hint="Leave empty to show the address itself."
            autoComplete="off"
          />
        )}
      </Dialog>
    </div>,
    document.body,
  );
}
