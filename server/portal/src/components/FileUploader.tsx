import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { MAX_UPLOAD_BYTES } from '../../../../shared/text/product-texts';
import { ApiError } from '../api/http';
import { type UploadProgress, uploadForm } from '../api/upload';
import { useI18n } from '../i18n';
import { ErrorAlert } from './Feedback';
import { Icon } from './Icon';

interface FileUploaderProps<T> {
  path: string;
  submitLabel: string;
  /** Text fields to send first; undefined when the form above is not ready (it shows why). */
  fields: () => Record<string, string> | undefined;
  onUploaded: (answer: T) => void;
  children?: ReactNode;
}

/**
 * Choose files (several, in one or more goes), see their total against the 25MB a submission may
 * have, and upload with a real progress bar. The total is checked before anything is sent, with
 * the product's own words; the server's refusal (413) is shown the same way should it come.
 */
export function FileUploader<T>({ path, submitLabel, fields, onUploaded, children }: FileUploaderProps<T>) {
  const { t, bytes } = useI18n();
  const inputId = useId();
  const [chosen, setChosen] = useState<{ key: number; file: File }[]>([]);
  const nextKey = useRef(0);
  const files = chosen.map((entry) => entry.file);
  const [progress, setProgress] = useState<UploadProgress | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [noFiles, setNoFiles] = useState(false);
  const abort = useRef<AbortController | undefined>(undefined);

  const total = files.reduce((sum, file) => sum + file.size, 0);
  const tooLarge = total > MAX_UPLOAD_BYTES;
  const uploading = progress !== undefined;
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  const add = (picked: FileList | null) => {
    if (!picked) return;
    const added = Array.from(picked, (file) => ({ key: nextKey.current++, file }));
    setChosen((previous) => [...previous, ...added]);
    setNoFiles(false);
    setError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values = fields();
    if (files.length === 0) setNoFiles(true);
    if (!values || files.length === 0 || tooLarge) return;
    const form = new FormData();
    // Fields before files: the server reads the form in order.
    for (const [name, value] of Object.entries(values)) form.append(name, value);
    for (const file of files) form.append('files', file, file.name);
    setError(undefined);
    setProgress({ loaded: 0, total });
    abort.current = new AbortController();
    try {
      const answer = await uploadForm<T>(path, form, setProgress, abort.current.signal);
      setChosen([]);
      onUploaded(answer);
    } catch (caught) {
      if (!(caught instanceof ApiError && caught.code === 'aborted')) setError(caught);
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate>
      {children}
      <div className="file-picker">
        <input
          id={inputId}
          className="file-input"
          type="file"
          multiple
          disabled={uploading}
          onChange={(event) => {
            add(event.target.files);
            event.target.value = '';
          }}
          aria-describedby={`${inputId}-limit`}
        />
        <label htmlFor={inputId} className="button button-secondary button-block file-button">
          <Icon name="upload" />
          {files.length === 0 ? t('upload.choose') : t('upload.chooseMore')}
        </label>
        <p className="field-hint" id={`${inputId}-limit`}>
          {t('upload.limit')}
        </p>
      </div>
      {noFiles && (
        <p className="field-error" role="alert">
          {t('upload.noFiles')}
        </p>
      )}
      {files.length > 0 && (
        <>
          <ul className="file-list" aria-label={t('upload.chosen')}>
            {chosen.map(({ key, file }) => (
              <li key={key}>
                <span className="file-name">{file.name}</span>
                <span className="file-size">{bytes(file.size)}</span>
                <button
                  type="button"
                  className="icon-button"
                  disabled={uploading}
                  onClick={() => setChosen((previous) => previous.filter((entry) => entry.key !== key))}
                  aria-label={t('upload.remove', { name: file.name })}
                >
                  <Icon name="close" />
                </button>
              </li>
            ))}
          </ul>
          <p className={tooLarge ? 'file-total file-total-over' : 'file-total'}>
            {t('upload.total', { total: bytes(total), max: bytes(MAX_UPLOAD_BYTES) })}
          </p>
        </>
      )}
      {tooLarge && (
        <div className="alert alert-error" role="alert">
          <p>{t('upload.tooLarge')}</p>
          <p>{t('upload.overBy', { amount: bytes(total - MAX_UPLOAD_BYTES) })}</p>
        </div>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
      {uploading && (
        <div className="upload-progress">
          <label htmlFor={`${inputId}-progress`} className="upload-progress-label">
            {t('upload.progress', { percent })}
          </label>
          <progress id={`${inputId}-progress`} max={100} value={percent}>
            {percent}%
          </progress>
          <button type="button" className="button button-secondary" onClick={() => abort.current?.abort()}>
            {t('upload.cancel')}
          </button>
        </div>
      )}
      <button type="submit" className="button button-primary button-block" disabled={uploading || tooLarge}>
        {uploading ? t('upload.uploading') : submitLabel}
      </button>
    </form>
  );
}
