import { useState } from 'react';
import {
  isEmailAddress,
  NUDGE_CHANNELS,
  type NudgeChannel,
  type NudgeMedium,
  type NudgeSettingsView,
  normalizePhone,
} from '../../../../shared/domain/nudges';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { messageOf } from '../../lib/errors';

const CHANNEL_LABELS: Record<NudgeChannel, string> = {
  none: 'No notices',
  email: 'Email',
  sms: 'Text (SMS)',
  both: 'Email and text',
};

const usesEmail = (channel: NudgeChannel) => channel === 'email' || channel === 'both';
const usesSms = (channel: NudgeChannel) => channel === 'sms' || channel === 'both';

/**
 * Staff changing how a client is told of new messages, with the client beside them (or on the
 * phone): the client's yes is confirmed by a checkbox the server requires, and each new address
 * is proven by a code the client reads back. Quiet hours and "show details" stay as the client set
 * them in the portal.
 */
export function NudgesDialog({
  clientId,
  clientName,
  view,
  onClose,
  onChanged,
}: {
  clientId: string;
  clientName: string;
  view: NudgeSettingsView;
  onClose(): void;
  onChanged(view: NudgeSettingsView): void;
}) {
  const [channel, setChannel] = useState<NudgeChannel>(view.channel);
  const [email, setEmail] = useState(view.email.value);
  const [phone, setPhone] = useState(view.phone.value);
  const [consent, setConsent] = useState(false);
  const [problems, setProblems] = useState<{ email?: string; phone?: string; consent?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState(view);
  const [saved, setSaved] = useState(false);

  const offered = (option: NudgeChannel) =>
    option === 'none' ||
    ((!usesEmail(option) || view.available.email) && (!usesSms(option) || view.available.sms));

  const save = async () => {
    if (saved) {
      onClose();
      return;
    }
    const found: typeof problems = {};
    if (usesEmail(channel) && !isEmailAddress(email.trim()))
      found.email = 'Enter an email address such as name@example.org.';
    if (usesSms(channel) && normalizePhone(phone) === undefined)
      found.phone = 'Enter a mobile number such as (503) 555-0142, or + and the country code.';
    if (!consent) found.consent = `Ask ${clientName} first, then tick this box.`;
    setProblems(found);
    if (found.email || found.phone || found.consent) return;
    setBusy(true);
    setError(null);
    try {
      const next = await bridge.nudges.save({
        clientId,
        consent: true,
        settings: {
          channel,
          email: usesEmail(channel) ? email.trim() : view.email.value,
          phone: usesSms(channel) ? phone.trim() : view.phone.value,
          showDetails: view.showDetails,
          quietHours: view.quietHours,
        },
      });
      setCurrent(next);
      setPhone(next.phone.value);
      setSaved(true);
      onChanged(next);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const toVerify: NudgeMedium[] = saved
    ? (['email', 'sms'] as const).filter((medium) =>
        medium === 'email'
          ? usesEmail(current.channel) && !current.email.verified
          : usesSms(current.channel) && !current.phone.verified,
      )
    : [];

  return (
    <Dialog
      title="Notices by email or text"
      description={`How ${clientName} is told of new messages and requests. The notice never includes the message.`}
      onClose={onClose}
      onSubmit={() => void save()}
      busy={busy}
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose} disabled={busy}>
            {saved ? 'Close' : 'Cancel'}
          </button>
          {!saved && (
            <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          )}
        </>
      }
    >
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {!saved ? (
        <>
          <fieldset className="choice-group">
            <legend className="choice-group__legend">Send notices by</legend>
            <div className="segmented nudges-channels">
              {NUDGE_CHANNELS.map((option) => (
                <label key={option} className="segmented__option">
                  <input
                    type="radio"
                    name="nudge-channel"
                    value={option}
                    checked={channel === option}
                    disabled={!offered(option)}
                    onChange={() => setChannel(option)}
                  />
                  <span>{CHANNEL_LABELS[option]}</span>
                </label>
              ))}
            </div>
            {(!view.available.email || !view.available.sms) && (
              <p className="field__hint">
                {!view.available.email && !view.available.sms
                  ? 'This agency server sends no email or texts: SMTP_URL and SMS_URL are not set.'
                  : !view.available.email
                    ? 'Email is off on this agency server (SMTP_URL is not set).'
                    : 'Texts are off on this agency server (SMS_URL is not set).'}
              </p>
            )}
          </fieldset>
          {usesEmail(channel) && (
            <TextField
              label="Email address"
              type="email"
              value={email}
              onChange={setEmail}
              error={problems.email}
              maxLength={254}
            />
          )}
          {usesSms(channel) && (
            <TextField
              label="Mobile number"
              type="tel"
              value={phone}
              onChange={setPhone}
              error={problems.phone}
              hint="US numbers as written; others with + and the country code."
              maxLength={24}
            />
          )}
          <label className={`nudges-consent${problems.consent ? ' nudges-consent--invalid' : ''}`}>
            <input
              type="checkbox"
              checked={consent}
              onChange={(event) => {
                setConsent(event.target.checked);
                if (event.target.checked) setProblems((found) => ({ ...found, consent: undefined }));
              }}
            />
            <span>
              {clientName} agreed to these notices.
              {problems.consent && <strong className="nudges-consent__error"> {problems.consent}</strong>}
            </span>
          </label>
        </>
      ) : (
        <>
          <p className="alert alert--success" role="status">
            Saved.{' '}
            {toVerify.length > 0
              ? 'Verify each new address before notices go there.'
              : 'Notices go out by the client’s quiet hours.'}
          </p>
          {toVerify.map((medium) => (
            <CodeCheck
              key={medium}
              clientId={clientId}
              clientName={clientName}
              medium={medium}
              onVerified={(next) => {
                setCurrent(next);
                onChanged(next);
              }}
            />
          ))}
        </>
      )}
    </Dialog>
  );
}

/** Sends a code to the new address; the client reads it out and staff type it here. */
function CodeCheck({
  clientId,
  clientName,
  medium,
  onVerified,
}: {
  clientId: string;
  clientName: string;
  medium: NudgeMedium;
  onVerified(view: NudgeSettingsView): void;
}) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const what = medium === 'email' ? 'email address' : 'mobile number';
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="nudges-verify" aria-label={`Verify the ${what}`}>
      <h3 className="nudges-verify__title">Verify the {what}</h3>
      {sentTo === null ? (
        <button
          type="button"
          className="button button--secondary button--sm"
          disabled={busy}
          onClick={() =>
            void run(async () =>
              setSentTo((await bridge.nudges.sendCode({ clientId, channel: medium })).sentTo),
            )
          }
        >
          Send a code to {clientName}
        </button>
      ) : (
        <div className="nudges-verify__row">
          <TextField
            label={`Code sent to ${sentTo}`}
            value={code}
            onChange={setCode}
            inputMode="numeric"
            maxLength={12}
            hint={`Ask ${clientName} to read it out.`}
          />
          <button
            type="button"
            className="button button--primary button--sm"
            disabled={busy}
            onClick={() =>
              void run(async () =>
                onVerified(await bridge.nudges.verify({ clientId, channel: medium, code })),
              )
            }
          >
            Verify
          </button>
        </div>
      )}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
