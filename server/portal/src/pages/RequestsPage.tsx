import { listRequests } from '../api/portal-api';
import { LoadError, Loading } from '../components/Feedback';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { useResource } from '../lib/use-resource';
import { RequestSummaryList } from './requests/RequestSummaryList';

export function RequestsPage() {
  const { t } = useI18n();
  const requests = useResource(listRequests, 'requests');
  return (
    <Page title={t('requests.title')}>
      <p className="lead">{t('requests.intro')}</p>
      {requests.loading && !requests.data ? (
        <Loading />
      ) : requests.data ? (
        requests.data.requests.length === 0 ? (
          <p className="empty">{t('requests.none')}</p>
        ) : (
          <RequestSummaryList requests={requests.data.requests} />
        )
      ) : (
        <LoadError error={requests.error} retry={requests.reload} />
      )}
    </Page>
  );
}
