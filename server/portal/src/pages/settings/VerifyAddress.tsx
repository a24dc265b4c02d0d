import { type FormEvent, useState } from 'react';
import type { NudgeMedium, NudgeSettingsView } from '../../../../../shared/domain/nudges';
import { sendNudgeCode, verifyNudgeCode } from '../../api/portal-api';
import { ErrorAlert, SuccessNote } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useI18n } from '../../i18n';

/**
 * Proving an address before any notice goes there: the client asks for a code, which the server
 * sends to the saved address, and types it back.
 */
export function VerifyAddress({
  channel,
  onVerified,
}: {
  channel: NudgeMedium;
  onVerified: (view: NudgeSettingsView) => void;
}) {
  const { t } = useI18n();
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<'send' | 'verify' | undefined>(undefined);

  const send = async () => {
    setBusy('send');
    setError(undefined);
    try {
      setSentTo((await sendNudgeCode(channel)).sentTo);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  };

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      setProblem(t('notices.verify.codeMissing'));
      return;
    }
    setProblem(undefined);
    setBusy('verify');
    setError(undefined);
    try {
      onVerified(await verifyNudgeCode(channel, code));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="card verify" aria-labelledby={`verify-${channel}`}>
      <h2 id={`verify-${channel}`}>{t(`notices.verify.title.${channel}`)}</h2>
      {error !== undefined && <ErrorAlert error={error} />}
      {sentTo === undefined ? (
        <>
          <p>{t('notices.notVerified')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void send()}
            disabled={busy !== undefined}
          >
            {busy === 'send' ? t('notices.verify.sending') : t('notices.verify.send')}
          </button>
        </>
      ) : (
        <form className="form" onSubmit={(event) => void verify(event)} noValidate>
          <SuccessNote>
            <p>{t('notices.verify.sent', { to: sentTo })}</p>
          </SuccessNote>
          <TextField
            label={t('notices.verify.code')}
            hint={t('notices.verify.codeHint')}
            value={code}
            onValue={setCode}
            error={problem}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            required
          />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy !== undefined}>
              {t('notices.verify.submit')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void send()}
              disabled={busy !== undefined}
            >
              {busy === 'send' ? t('notices.verify.sending') : t('notices.verify.resend')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
