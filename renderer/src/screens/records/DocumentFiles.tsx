import { useState } from 'react';
import type { DocumentFile, RecordSummary } from '../../../../shared/domain/requests';
import { Icon } from '../../components/Icon';
import { messageOf } from '../../lib/errors';
import { formatFileSize, plural } from '../../lib/format';
import { openRecordFile } from './open-file';
import { documentData } from './record-data';

/** A document record's category and files, each with Open and Save. */
export function DocumentFiles({ record }: { record: RecordSummary }) {
  const data = documentData(record);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (!data) return <p className="muted">This document’s details can’t be shown.</p>;

  const act = async (file: DocumentFile, action: 'open' | 'save') => {
    setBusy(`${file.fileId}:${action}`);
    setFailure(null);
    try {
      await openRecordFile(record.id, file, action);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="document-files">
      <p className="record-card__facts">
        <span className="type-chip type-chip--plain">{data.categoryName}</span>
        <span className="muted">{plural(data.files.length, 'file', 'files')}</span>
      </p>
      {failure && (
        <p className="inline-error" role="alert">
          <Icon name="warning" size={15} />
          {failure}
        </p>
      )}
      <ul className="file-list" aria-label={`Files of ${record.title}`}>
        {data.files.map((file) => (
          <li key={file.fileId} className="file-row">
            <Icon name="document" size={18} className="file-row__icon" />
            <span className="file-row__name">{file.name}</span>
            <span className="file-row__size">{formatFileSize(file.size)}</span>
            <span className="file-row__actions">
              {(['open', 'save'] as const).map((action) => (
                <button
                  key={action}
                  type="button"
                  className="button button--ghost button--sm"
                  aria-label={`${action === 'open' ? 'Open' : 'Save'} ${file.name}`}
                  disabled={busy !== null}
                  aria-busy={busy === `${file.fileId}:${action}`}
                  onClick={() => void act(file, action)}
                >
                  {busy === `${file.fileId}:${action}` ? (
                    <span className="spinner spinner--xs" aria-hidden="true" />
                  ) : (
                    <Icon name={action === 'open' ? 'external' : 'download'} size={15} />
                  )}
                  {action === 'open' ? 'Open' : 'Save'}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
