import { type FormEvent, useState } from 'react';
import {
  DEFAULT_QUIET_HOURS,
  formatClock,
  isEmailAddress,
  NUDGE_CHANNELS,
  type NudgeChannel,
  type NudgeSettingsView,
  normalizePhone,
} from '../../../../../shared/domain/nudges';
import { saveNudgeSettings } from '../../api/portal-api';
import { ErrorAlert, SuccessNote } from '../../components/Feedback';
import { FieldFrame, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';

const usesEmail = (channel: NudgeChannel) => channel === 'email' || channel === 'both';
const usesSms = (channel: NudgeChannel) => channel === 'sms' || channel === 'both';

/** How the client is told of new messages: channel, addresses, details and quiet hours. */
export function NoticesForm({
  view,
  onSaved,
}: {
  view: NudgeSettingsView;
  onSaved: (view: NudgeSettingsView) => void;
}) {
  const { t, day } = useI18n();
  const [channel, setChannel] = useState<NudgeChannel>(view.channel);
  const [email, setEmail] = useState(view.email.value);
  const [phone, setPhone] = useState(view.phone.value);
  const [showDetails, setShowDetails] = useState(view.showDetails);
  const [ownQuiet, setOwnQuiet] = useState(view.quietHours !== null);
  const [quietStart, setQuietStart] = useState(view.quietHours?.start ?? view.agencyQuietHours.start);
  const [quietEnd, setQuietEnd] = useState(view.quietHours?.end ?? view.agencyQuietHours.end);
  const [problems, setProblems] = useState<{ email?: string; phone?: string }>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const offered = (option: NudgeChannel) =>
    option === 'none' ||
    ((!usesEmail(option) || view.available.email) && (!usesSms(option) || view.available.sms));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const found: { email?: string; phone?: string } = {};
    if (usesEmail(channel) && !isEmailAddress(email.trim())) found.email = t('notices.emailMissing');
    if (usesSms(channel) && normalizePhone(phone) === undefined) found.phone = t('notices.phoneMissing');
    setProblems(found);
    if (found.email || found.phone) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await saveNudgeSettings({
        channel,
        email: usesEmail(channel) || email.trim() !== '' ? email.trim() : '',
        phone: usesSms(channel) || phone.trim() !== '' ? phone.trim() : '',
        showDetails,
        quietHours: ownQuiet ? { start: quietStart, end: quietEnd } : null,
      });
      setPhone(answer.phone.value);
      setSaved(true);
      onSaved(answer);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form notices" onSubmit={(event) => void submit(event)} noValidate>
      {error !== undefined && <ErrorAlert error={error} />}
      {saved && (
        <SuccessNote>
          <p>{t('notices.saved')}</p>
        </SuccessNote>
      )}
      <fieldset className="choice-group">
        <legend>{t('notices.how')}</legend>
        {NUDGE_CHANNELS.map((option) => (
          <label key={option} className={offered(option) ? 'choice' : 'choice choice-disabled'}>
            <input
              type="radio"
              name="channel"
              value={option}
              checked={channel === option}
              disabled={!offered(option)}
              onChange={() => setChannel(option)}
            />
            <span>
              <span className="choice-title">{t(`notices.channel.${option}`)}</span>
              {!offered(option) && (
                <span className="choice-detail">
                  {usesEmail(option) && !view.available.email ? t('notices.emailOff') : t('notices.smsOff')}
                </span>
              )}
            </span>
          </label>
        ))}
      </fieldset>
      {usesEmail(channel) && (
        <>
          <TextField
            label={t('notices.email')}
            hint={t('notices.emailHint')}
            type="email"
            autoComplete="email"
            maxLength={254}
            value={email}
            onValue={setEmail}
            error={problems.email}
            required
          />
          <AddressState
            verified={view.email.verified && view.email.value === email.trim()}
            stopped={
              view.email.stoppedAt
                ? t('notices.stopped.email', { date: day(view.email.stoppedAt) })
                : undefined
            }
          />
        </>
      )}
      {usesSms(channel) && (
        <>
          <TextField
            label={t('notices.phone')}
            hint={t('notices.phoneHint')}
            type="tel"
            autoComplete="tel"
            maxLength={24}
            value={phone}
            onValue={setPhone}
            error={problems.phone}
            required
          />
          <AddressState
            verified={view.phone.verified && view.phone.value === normalizePhone(phone)}
            stopped={
              view.phone.stoppedAt ? t('notices.stopped.sms', { date: day(view.phone.stoppedAt) }) : undefined
            }
          />
        </>
      )}
      {channel !== 'none' && (
        <>
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={showDetails}
                onChange={(event) => setShowDetails(event.target.checked)}
              />
              <span>
                <span className="choice-title">{t('notices.details')}</span>
                <span className="choice-detail">
                  {showDetails ? t('notices.detailsOn') : t('notices.detailsOff')}
                </span>
              </span>
            </label>
          </div>
          <fieldset className="choice-group">
            <legend>{t('notices.quiet')}</legend>
            <p className="field-hint">{t('notices.quietHint', { zone: view.timeZone.replace(/_/g, ' ') })}</p>
            <label className="choice">
              <input type="radio" name="quiet" checked={!ownQuiet} onChange={() => setOwnQuiet(false)} />
              <span className="choice-title">
                {t('notices.quietAgency', {
                  start: view.agencyQuietHours.start,
                  end: view.agencyQuietHours.end,
                })}
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="quiet" checked={ownQuiet} onChange={() => setOwnQuiet(true)} />
              <span className="choice-title">{t('notices.quietOwn')}</span>
            </label>
            {ownQuiet && (
              <div className="time-pair">
                <TimeField label={t('notices.quietFrom')} value={quietStart} onValue={setQuietStart} />
                <TimeField label={t('notices.quietTo')} value={quietEnd} onValue={setQuietEnd} />
              </div>
            )}
          </fieldset>
          <p className="muted">{t('notices.limits')}</p>
        </>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('notices.saving') : t('notices.save')}
      </button>
    </form>
  );
}

function AddressState({ verified, stopped }: { verified: boolean; stopped: string | undefined }) {
  const { t } = useI18n();
  if (stopped) return <p className="alert alert-info">{stopped}</p>;
  return verified ? <p className="address-state address-verified">{t('notices.verified')}</p> : null;
}

function TimeField({
  label,
  value,
  onValue,
}: {
  label: string;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <FieldFrame label={label}>
      {({ id, describedBy }) => (
        <input
          id={id}
          className="input"
          type="time"
          step={60}
          value={value}
          onChange={(event) => onValue(event.target.value || formatClock(DEFAULT_QUIET_HOURS.start))}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}
