import { type DragEvent, useId, useState } from 'react';
import { MAX_UPLOAD_BYTES } from '../../../../shared/text/product-texts';
import { Icon } from '../../components/Icon';
import { formatFileSize, plural } from '../../lib/format';

interface FilePickerProps {
  files: File[];
  error: string | undefined;
  disabled: boolean;
  onChange(files: File[]): void;
}

const BYTES = new Intl.NumberFormat();

/** The same file twice (picked again, or dropped after picking) is kept once. */
function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

/**
 * One or more files, chosen with the computer's file dialog or dropped here. The native input
 * stays the focusable control (visually hidden, its label drawn as a button), so keyboard and
 * screen readers get the platform's own behaviour.
 */
export function FilePicker({ files, error, disabled, onChange }: FilePickerProps) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const total = files.reduce((sum, file) => sum + file.size, 0);

  const add = (picked: FileList | null) => {
    if (!picked || picked.length === 0) return;
    const next = [...files];
    for (const file of Array.from(picked)) if (!next.some((each) => sameFile(each, file))) next.push(file);
    onChange(next);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) add(event.dataTransfer.files);
  };

  return (
    <div className="field">
      <span className="field__label" id={`${id}-label`}>
        Files
      </span>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the keyboard way. */}
      <div
        className={`file-picker${dragging ? ' file-picker--dragging' : ''}${error ? ' file-picker--invalid' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          id={id}
          type="file"
          multiple
          className="visually-hidden"
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-limit${error ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            add(event.target.files);
            // Cleared, so choosing the same file again after removing it still counts as a change.
            event.target.value = '';
          }}
        />
        <label htmlFor={id} className="button button--secondary button--sm file-picker__button">
          <Icon name="paperclip" size={15} />
          Choose files
        </label>
        <span className="file-picker__hint" id={`${id}-limit`}>
          or drop them here. Any type, compressed files too; at most 25MB in all.
        </span>
      </div>
      {files.length > 0 && (
        <ul className="file-list file-list--picked" aria-label="Chosen files">
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`} className="file-row">
              <Icon name="document" size={18} className="file-row__icon" />
              <span className="file-row__name">{file.name}</span>
              <span className="file-row__size">{formatFileSize(file.size)}</span>
              <button
                type="button"
                className="icon-button icon-button--sm"
                aria-label={`Remove ${file.name}`}
                disabled={disabled}
                onClick={() => onChange(files.filter((_, at) => at !== index))}
              >
                <Icon name="close" size={15} />
              </button>
            </li>
          ))}
          <li className="file-list__total" aria-live="polite">
            {plural(files.length, 'file', 'files')},{' '}
            {total > MAX_UPLOAD_BYTES
              ? // Rounded, a total just over the limit would read "25 MB" beside the error.
                `${BYTES.format(total)} bytes in all; at most ${BYTES.format(MAX_UPLOAD_BYTES)} (25MB)`
              : `${formatFileSize(total)} in all`}
          </li>
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
