import { useEffect, useRef } from 'react';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import type { SessionUser } from '../../../../shared/domain/session';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { EmptyState } from '../../components/EmptyState';
import { Switch } from '../../components/Switch';
import { useSettingsStore } from '../../stores/settings-store';
import { IdleLockSetting } from './IdleLockSetting';

/**
 * MY INFO, the reference product's account page. Whether clients may start conversations and
 * whether they see this staff member in the portal live on the agency server; the notification
 * setting belongs to this computer only.
 */
export function MyInfoScreen({ user }: { user: SessionUser }) {
  const load = useSettingsStore((state) => state.load);
  const settings = useSettingsStore((state) => state.settings);
  const status = useSettingsStore((state) => state.status);
  const error = useSettingsStore((state) => state.error);
  const saving = useSettingsStore((state) => state.saving);
  const updateError = useSettingsStore((state) => state.updateError);
  const update = useSettingsStore((state) => state.update);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  return (
    <div className="page page--my-info">
      <div className="page__header">
        <div>
          <h1 ref={headingRef} className="page__title" tabIndex={-1}>
            {PRODUCT_TEXTS.myInfo}
          </h1>
          <p className="page__subtitle">
            Your account, and how clients can reach you through the Customer Portal.
          </p>
        </div>
      </div>
      <div className="my-info">
        <section className="card my-info__who" aria-labelledby="my-info-account">
          <header className="card__header">
            <h2 id="my-info-account" className="card__title">
              Account
            </h2>
          </header>
          <dl className="detail-list">
            <Fact label="Name" value={user.displayName} />
            <Fact label="Username" value={user.username} />
            <Fact label="Role" value={ROLE_LABELS[user.role]} />
            <Fact label="Agency" value={user.agencyName} />
          </dl>
        </section>
        <div className="my-info__column">
          {updateError && (
            <div className="alert alert--error" role="alert">
              {updateError}
            </div>
          )}
          <section className="card" aria-labelledby="my-info-portal">
            <header className="card__header">
              <h2 id="my-info-portal" className="card__title">
                Customer Portal
              </h2>
            </header>
            <div className="my-info__body">
              {settings ? (
                <>
                  <Switch
                    label={PRODUCT_TEXTS.allowClientInitiatedContact}
                    description="When this setting is enabled, any client for whom you are assigned as a Care Team member will be able to send you a message."
                    checked={settings.allowClientContact}
                    disabled={saving.includes('allowClientContact')}
                    onChange={(value) => void update('allowClientContact', value)}
                  />
                  <Switch
                    label={PRODUCT_TEXTS.displayInCustomerPortal}
                    description="When on, your clients see you on their care team in the Customer Portal."
                    checked={settings.displayInPortal}
                    disabled={saving.includes('displayInPortal')}
                    onChange={(value) => void update('displayInPortal', value)}
                  />
                </>
              ) : (
                <SettingsPending status={status} error={error} onRetry={() => void load()} />
              )}
            </div>
          </section>
          <section className="card" aria-labelledby="my-info-notifications">
            <header className="card__header">
              <h2 id="my-info-notifications" className="card__title">
                Notifications
              </h2>
              <span className="card__count">This computer only</span>
            </header>
            <div className="my-info__body">
              {settings ? (
                <Switch
                  label="Show a notification when a client writes"
                  description="Portico shows a notification on this computer when a client sends you a message. Clicking it opens the message."
                  checked={settings.osNotifications}
                  disabled={saving.includes('osNotifications')}
                  onChange={(value) => void update('osNotifications', value)}
                />
              ) : (
                <SettingsPending status={status} error={null} onRetry={() => void load()} />
              )}
            </div>
          </section>
          <section className="card" aria-labelledby="my-info-lock">
            <header className="card__header">
              <h2 id="my-info-lock" className="card__title">
                Screen lock
              </h2>
              <span className="card__count">This computer only</span>
            </header>
            <div className="my-info__body">
              {settings ? (
                <IdleLockSetting
                  minutes={settings.idleLockMinutes}
                  saving={saving.includes('idleLockMinutes')}
                  onSave={(minutes) => void update('idleLockMinutes', minutes)}
                />
              ) : (
                <SettingsPending status={status} error={null} onRetry={() => void load()} />
              )}
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="detail-list__row">
      <dt>{label}</dt>
      <dd className="my-info__value">{value}</dd>
    </div>
  );
}

function SettingsPending({
  status,
  error,
  onRetry,
}: {
  status: string;
  error: string | null;
  onRetry(): void;
}) {
  if (status === 'error') {
    return (
      <EmptyState icon="warning" title="Your settings could not be loaded" tone="danger" compact>
        {error && <p>{error}</p>}
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      </EmptyState>
    );
  }
  return (
    <div className="my-info__loading" aria-busy="true">
      <span className="visually-hidden">Loading your settings…</span>
      <span className="skeleton skeleton--line" />
      <span className="skeleton skeleton--short" />
    </div>
  );
}
