import { documentsUploadPath } from '../../api/portal-api';
import type { PortalRecord, PortalRequest } from '../../api/types';
import { FileUploader } from '../../components/FileUploader';
import { useI18n } from '../../i18n';

/** Files for a document request: what was asked for, then the uploader. */
export function DocumentRequestForm({
  request,
  onDone,
}: {
  request: PortalRequest;
  onDone: (request: PortalRequest) => void;
}) {
  const { t } = useI18n();
  return (
    <FileUploader<{ request: PortalRequest; record: PortalRecord }>
      path={documentsUploadPath(request.id)}
      submitLabel={t('upload.submit')}
      fields={() => ({})}
      onUploaded={(answer) => onDone(answer.request)}
    >
      {request.document && (
        <dl className="facts">
          <div>
            <dt>{t('document.category')}</dt>
            <dd>{request.document.categoryName}</dd>
          </div>
          <div>
            <dt>{t('document.name')}</dt>
            <dd>{request.document.documentName}</dd>
          </div>
        </dl>
      )}
      <p>{t('document.instructions')}</p>
    </FileUploader>
  );
}
