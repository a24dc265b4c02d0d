import { useState } from 'react';
import type { DocumentRecordData } from '../../../../shared/domain/requests';
import { ApiError, api } from '../api/http';
import { ANYTIME_DOCUMENTS_PATH, recordFileUrl } from '../api/portal-api';
import type { PortalRecord } from '../api/types';
import { LoadError, Loading, SuccessNote } from '../components/Feedback';
import { TextField } from '../components/Field';
import { FileUploader } from '../components/FileUploader';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { useResource } from '../lib/use-resource';

/**
 * The documents the client has sent. A server without the list yet (404) is not an error: the
 * page then shows what was sent during this visit.
 */
async function loadDocuments(): Promise<PortalRecord[]> {
  try {
    return (await api<{ records: PortalRecord[] }>(ANYTIME_DOCUMENTS_PATH)).records;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

function DocumentList({ records }: { records: PortalRecord[] }) {
  const { t, dateTime, bytes } = useI18n();
  if (records.length === 0) return <p className="empty">{t('documents.none')}</p>;
  return (
    <ul className="document-list">
      {records.map((record) => {
        const data = record.data as DocumentRecordData;
        return (
          <li key={record.id} className="card document">
            <h3>{record.title}</h3>
            <p className="muted">{t('documents.sentOn', { date: dateTime(record.submittedAt) })}</p>
            <ul className="document-files">
              {(data.files ?? []).map((file) => (
                <li key={file.fileId}>
                  <a href={recordFileUrl(record.id, file.fileId)} download={file.name}>
                    {file.name}
                  </a>
                  <span className="file-size">{bytes(file.size)}</span>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

export function DocumentsPage() {
  const { t } = useI18n();
  const listed = useResource(loadDocuments, 'documents');
  const [sent, setSent] = useState<PortalRecord[]>([]);
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | undefined>(undefined);
  const [justSent, setJustSent] = useState<string | undefined>(undefined);

  const known = new Set((listed.data ?? []).map((record) => record.id));
  const records = [...sent.filter((record) => !known.has(record.id)), ...(listed.data ?? [])];
  return (
    <Page title={t('documents.title')}>
      <p className="lead">{t('documents.intro')}</p>
      {justSent && (
        <SuccessNote>
          <p>{t('documents.sent', { name: justSent })}</p>
        </SuccessNote>
      )}
      <FileUploader<{ record: PortalRecord }>
        path={ANYTIME_DOCUMENTS_PATH}
        submitLabel={t('documents.submit')}
        fields={() => {
          const problem = name.trim() === '' ? t('documents.nameMissing') : undefined;
          setNameProblem(problem);
          return problem ? undefined : { name: name.trim() };
        }}
        onUploaded={(answer) => {
          setSent((previous) => [answer.record, ...previous]);
          setJustSent(answer.record.title);
          setName('');
        }}
      >
        <h2>{t('documents.uploadTitle')}</h2>
        <TextField
          label={t('documents.name')}
          hint={t('documents.nameHint')}
          value={name}
          onValue={setName}
          required
          error={nameProblem}
        />
      </FileUploader>
      <section aria-labelledby="documents-sent">
        <h2 id="documents-sent">{t('documents.yours')}</h2>
        {listed.loading && !listed.data ? (
          <Loading />
        ) : listed.error !== undefined ? (
          <LoadError error={listed.error} retry={listed.reload} />
        ) : (
          <DocumentList records={records} />
        )}
      </section>
    </Page>
  );
}
