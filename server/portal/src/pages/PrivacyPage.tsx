import { useState } from 'react';
import type { AccessReason, PrivacyView, RecordViewEntry } from '../../../../shared/domain/privacy';
import { privacy } from '../api/portal-api';
import { LoadError, Loading } from '../components/Feedback';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { SharingChoices } from './privacy/SharingChoices';

function reasonText(
  reason: AccessReason,
  t: ReturnType<typeof useI18n>['t'],
  day: (value: string) => string,
): string {
  switch (reason.kind) {
    case 'own':
      return t('privacy.reason.own', { agency: reason.agency, date: day(reason.since) });
    case 'shared':
      return t('privacy.reason.shared', {
        agency: reason.agency,
        sharedBy: reason.sharedBy,
        date: day(reason.since),
      });
    case 'care_team':
      return t('privacy.reason.careTeam', {
        role: reason.role.toLowerCase(),
        agency: reason.agency,
        date: day(reason.since),
      });
    case 'system_admins':
      return t('privacy.reason.admins');
  }
}

function ViewLine({ entry }: { entry: RecordViewEntry }) {
  const { t, dateTime } = useI18n();
  const vars = { who: entry.role, agency: entry.agency, part: t(`privacy.part.${entry.part}`) };
  return (
    <li className="view-entry">
      <span className="view-text">
        {entry.name ? t('privacy.viewNamed', { ...vars, name: entry.name }) : t('privacy.view', vars)}
      </span>
      <time className="muted" dateTime={entry.at}>
        {dateTime(entry.at)}
      </time>
    </li>
  );
}

function PrivacyContent({ view, onChanged }: { view: PrivacyView; onChanged: (view: PrivacyView) => void }) {
  const { t, day } = useI18n();
  return (
    <>
      <section className="card" aria-labelledby="who-can-see">
        <h2 id="who-can-see">
          <Icon name="person" />
          {t('privacy.whoCanSee')}
        </h2>
        <ul className="reason-list">
          {view.whoCanSee.map((reason, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole on each load.
            <li key={index}>{reasonText(reason, t, day)}</li>
          ))}
        </ul>
      </section>
      <SharingChoices choices={view.sharing} onChanged={onChanged} />
      <section className="card" aria-labelledby="who-looked">
        <h2 id="who-looked">
          <Icon name="clock" />
          {t('privacy.whoLooked')}
        </h2>
        {view.views.length === 0 ? (
          <p className="empty">{t('privacy.noViews', { days: view.days })}</p>
        ) : (
          <>
            <p className="muted">{t('privacy.whoLookedIntro', { days: view.days })}</p>
            <ul className="view-list">
              {view.views.map((entry, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id of their own and never move.
                <ViewLine key={index} entry={entry} />
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

export function PrivacyPage() {
  const { t } = useI18n();
  const loaded = useResource(privacy, 'privacy');
  // What the server answered to the client's last change of sharing, newer than the first load.
  const [changed, setChanged] = useState<PrivacyView | undefined>(undefined);
  const view = changed ?? loaded.data;
  return (
    <Page title={t('privacy.title')} back={{ to: '/settings', label: t('settings.title') }}>
      <p className="lead">{t('privacy.intro')}</p>
      {loaded.error !== undefined ? (
        <LoadError error={loaded.error} retry={loaded.reload} />
      ) : !view ? (
        <Loading />
      ) : (
        <PrivacyContent view={view} onChanged={setChanged} />
      )}
      <p>
        <Link to="/settings" className="inline-link">
          {t('privacy.settingsLink')}
        </Link>
      </p>
    </Page>
  );
}
