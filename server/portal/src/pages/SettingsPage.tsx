import { useEffect, useState } from 'react';
import type { NudgeMedium, NudgeSettingsView } from '../../../../shared/domain/nudges';
import { nudgeSettings } from '../api/portal-api';
import { LoadError, Loading } from '../components/Feedback';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { NoticesForm } from './settings/NoticesForm';
import { VerifyAddress } from './settings/VerifyAddress';

/** Addresses chosen, saved and not yet proven by a code. */
function unverified(view: NudgeSettingsView): NudgeMedium[] {
  const wanted: NudgeMedium[] = [];
  if ((view.channel === 'email' || view.channel === 'both') && !view.email.verified && !view.email.stoppedAt)
    wanted.push('email');
  if ((view.channel === 'sms' || view.channel === 'both') && !view.phone.verified && !view.phone.stoppedAt)
    wanted.push('sms');
  return wanted;
}

export function SettingsPage() {
  const { t } = useI18n();
  const loaded = useResource(nudgeSettings, 'nudges');
  const [view, setView] = useState<NudgeSettingsView | undefined>(undefined);
  const [verifiedTo, setVerifiedTo] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (loaded.data) setView(loaded.data);
  }, [loaded.data]);

  return (
    <Page title={t('settings.title')}>
      <p>
        <Link to="/privacy" className="inline-link">
          <Icon name="person" />
          {t('settings.privacyLink')}
        </Link>
      </p>
      <h2>{t('notices.title')}</h2>
      <p className="lead">{t('notices.intro')}</p>
      {loaded.error !== undefined ? (
        <LoadError error={loaded.error} retry={loaded.reload} />
      ) : !view ? (
        <Loading />
      ) : !view.available.email && !view.available.sms ? (
        <p className="alert alert-info">{t('notices.off')}</p>
      ) : (
        <>
          {verifiedTo && (
            <p className="alert alert-success">{t('notices.verify.done', { to: verifiedTo })}</p>
          )}
          <NoticesForm
            view={view}
            onSaved={(next) => {
              setVerifiedTo(undefined);
              setView(next);
            }}
          />
          {unverified(view).map((channel) => (
            <VerifyAddress
              key={`${channel}:${channel === 'email' ? view.email.value : view.phone.value}`}
              channel={channel}
              onVerified={(next) => {
                setVerifiedTo(channel === 'email' ? next.email.value : next.phone.value);
                setView(next);
              }}
            />
          ))}
        </>
      )}
    </Page>
  );
}
