import { type FormEvent, useEffect, useRef, useState } from 'react';
import { signedNameMatches } from '../../../../../shared/domain/names';
import { ApiError } from '../../api/http';
import { openRequest, signRoi } from '../../api/portal-api';
import type { PortalRequest, PortalRoiTerms } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useClient } from '../../session/session';

/** Who the release lets the agency share with, in a sentence. */
function sharedWith(terms: PortalRoiTerms, t: ReturnType<typeof useI18n>['t'], locale: string): string {
  const agency = terms.agencyName;
  if (!terms.shared) return t('roi.withAgencyOnly', { agency });
  if (terms.otherAgencies.length === 0) return t('roi.withOthersNone', { agency });
  const others = new Intl.ListFormat(locale, { type: 'conjunction' }).format(terms.otherAgencies);
  return t('roi.withOthers', { agency, others });
}

/**
 * Signing a Release of Information. Before the name field the client reads what they agree to:
 * what is shared, with whom (the agency, and the other agencies when their record is shared) and
 * from when until when. The server dates the signature (today in the agency's time zone), so the
 * date is shown, not asked; the name must be the client's own as the agency has it.
 */
export function RoiForm({
  request,
  onDone,
}: {
  request: PortalRequest;
  onDone: (request: PortalRequest) => void;
}) {
  const { t, day, locale } = useI18n();
  const client = useClient();
  // Replaced when the day turned while the page was open, so the dates shown are the ones signed.
  const [terms, setTerms] = useState<PortalRoiTerms | null>(request.roi);
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const agency = terms?.agencyName ?? request.agencyName;
  const fullName = `${client.firstName} ${client.lastName}`;
  const mismatch = t('roi.nameMismatch', { agency, name: fullName });
  const form = useRef<HTMLFormElement>(null);
  // After a refused name, focus goes to the field, where the message says what to write.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!terms) return;
    const problem =
      name.trim() === '' ? t('roi.nameMissing') : signedNameMatches(name, client) ? undefined : mismatch;
    setNameProblem(problem);
    setError(undefined);
    if (problem) {
      setRefusals((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      onDone((await signRoi(request.id, name.trim(), terms.signedDate)).request);
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'signed_name_mismatch') {
        setNameProblem(mismatch);
        setRefusals((n) => n + 1);
        return;
      }
      setError(caught);
      if (caught instanceof ApiError && caught.code === 'signed_date_not_today') {
        const fresh = await openRequest(request.id).catch(() => undefined);
        if (fresh?.request.roi) setTerms(fresh.request.roi);
      }
    }
  };

  if (!terms) return null;
  return (
    <form ref={form} className="card form" onSubmit={submit} noValidate>
      <p>{t('roi.intro')}</p>
      <dl className="roi-terms">
        <div className="roi-terms__row roi-terms__row--wide">
          <dt>{t('roi.what')}</dt>
          <dd>{t('roi.whatText')}</dd>
        </div>
        <div className="roi-terms__row roi-terms__row--wide">
          <dt>{t('roi.with')}</dt>
          <dd>{sharedWith(terms, t, locale === 'es' ? 'es-US' : 'en-US')}</dd>
        </div>
        <div className="roi-terms__row">
          <dt>{t('roi.from')}</dt>
          <dd>{day(terms.startDate)}</dd>
        </div>
        <div className="roi-terms__row">
          <dt>{t('roi.until')}</dt>
          <dd>{day(terms.endDate)}</dd>
        </div>
      </dl>
      <TextField
        label={t('roi.name')}
        hint={t('roi.nameHint', { agency, name: fullName })}
        value={name}
        onValue={(value) => {
          setName(value);
          setNameProblem(undefined);
        }}
        autoComplete="name"
        required
        error={nameProblem}
      />
      <div className="roi-signed-on">
        <span className="field-label">{t('roi.signedOn')}</span>
        <span className="roi-signed-on__date">{day(terms.signedDate)}</span>
        <span className="field-hint">{t('roi.signedOnHint')}</span>
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? t('form.sending') : t('roi.submit')}
      </button>
    </form>
  );
}
