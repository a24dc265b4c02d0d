import { useRef, useState } from 'react';
import type { PrivacyView, SharingChoice } from '../../../../../shared/domain/privacy';
import { changeSharing } from '../../api/portal-api';
import { ErrorAlert, SuccessNote } from '../../components/Feedback';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n';

/**
 * "Stop sharing with an agency": every agency but the client's own, each with a button to stop
 * sharing (after a confirmation that says what it means) or to share again. The server decides
 * (the client's own agency is never offered and is refused) and answers the page as it now is.
 */
export function SharingChoices({
  choices,
  onChanged,
}: {
  choices: SharingChoice[];
  onChanged: (view: PrivacyView) => void;
}) {
  const { t, day } = useI18n();
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const note = useRef<HTMLDivElement>(null);

  const change = async (choice: SharingChoice, withdraw: boolean) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      onChanged(await changeSharing(choice.agencyId, withdraw));
      setConfirming(undefined);
      setDone(
        t(withdraw ? 'privacy.sharing.stopped' : 'privacy.sharing.restored', { agency: choice.agency }),
      );
      // The button pressed is gone; the outcome is where the keyboard goes next.
      requestAnimationFrame(() => note.current?.focus());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="stop-sharing">
      <h2 id="stop-sharing">
        <Icon name="person" />
        {t('privacy.sharing.title')}
      </h2>
      <p className="muted">{t('privacy.sharing.intro')}</p>
      {done && (
        <div ref={note} tabIndex={-1}>
          <SuccessNote>{done}</SuccessNote>
        </div>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
      {choices.length === 0 ? (
        <p className="empty">{t('privacy.sharing.none')}</p>
      ) : (
        <ul className="sharing-list">
          {choices.map((choice) => (
            <li key={choice.agencyId} className="sharing-choice">
              <p className="sharing-agency">{choice.agency}</p>
              <p className="muted">
                {choice.withdrawn && choice.withdrawnAt
                  ? t('privacy.sharing.withdrawnSince', { date: day(choice.withdrawnAt) })
                  : t('privacy.sharing.sharing')}
              </p>
              {choice.withdrawn ? (
                <button
                  type="button"
                  className="button button-secondary button-block"
                  disabled={busy}
                  onClick={() => void change(choice, false)}
                >
                  {t('privacy.sharing.shareAgain', { agency: choice.agency })}
                </button>
              ) : confirming === choice.agencyId ? (
                <fieldset className="sharing-confirm">
                  <legend>{t('privacy.sharing.confirm', { agency: choice.agency })}</legend>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={busy}
                      onClick={() => void change(choice, true)}
                    >
                      {t('privacy.sharing.confirmYes')}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={busy}
                      onClick={() => setConfirming(undefined)}
                    >
                      {t('privacy.sharing.cancel')}
                    </button>
                  </div>
                </fieldset>
              ) : (
                <button
                  type="button"
                  className="button button-secondary button-block"
                  disabled={busy}
                  onClick={() => {
                    setDone(undefined);
                    setConfirming(choice.agencyId);
                  }}
                >
                  {t('privacy.sharing.stop', { agency: choice.agency })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
