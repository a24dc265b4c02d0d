import { useEffect, useState } from 'react';
import { unsubscribe } from '../api/portal-api';
import { Loading } from '../components/Feedback';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';

/**
 * The unsubscribe link of a nudge email (`/portal/unsubscribe#<token>`): one click stops email
 * notices at once, without signing in. The token is in the fragment, so it reaches the server only
 * in this page's POST, never in an address a log or a Referer could keep.
 */
export function UnsubscribePage() {
  const { t } = useI18n();
  const [state, setState] = useState<'working' | 'done' | 'invalid'>('working');
  useEffect(() => {
    const token = window.location.hash.slice(1);
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) {
      setState('invalid');
      return;
    }
    unsubscribe(token).then(
      () => setState('done'),
      () => setState('invalid'),
    );
  }, []);
  return (
    <Page title={t('unsubscribe.title')}>
      {state === 'working' ? (
        <Loading />
      ) : (
        <p className={state === 'done' ? 'alert alert-success' : 'alert alert-info'} role="status">
          {state === 'done' ? t('unsubscribe.done') : t('unsubscribe.invalid')}
        </p>
      )}
      <Link to="/" className="button button-secondary">
        {t('unsubscribe.signIn')}
      </Link>
    </Page>
  );
}
