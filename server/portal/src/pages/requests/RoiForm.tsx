import { type FormEvent, useState } from 'react';
import { isValidIsoDate } from '../../../../../shared/domain/dates';
import { roiTerm } from '../../../../../shared/domain/roi-rule';
import { signRoi } from '../../api/portal-api';
import type { PortalRequest } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { localToday } from '../../lib/dates';
import { useClient } from '../../session/session';

/**
 * Signing a Release of Information: what it allows, the dates it will run (from the agency's
 * term, following the date typed), the client's typed full name and the date.
 */
export function RoiForm({
  request,
  onDone,
}: {
  request: PortalRequest;
  onDone: (request: PortalRequest) => void;
}) {
  const { t, day } = useI18n();
  const client = useClient();
  const [name, setName] = useState('');
  const [signedDate, setSignedDate] = useState(localToday);
  const [problems, setProblems] = useState<{ name?: string; date?: string }>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const termDays = request.roi?.termDays ?? 365;
  const term = isValidIsoDate(signedDate) ? roiTerm(signedDate, termDays) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      name: name.trim() === '' ? t('roi.nameMissing') : undefined,
      date: term ? undefined : t('roi.dateMissing'),
    };
    setProblems(found);
    setError(undefined);
    if (found.name || found.date) return;
    setBusy(true);
    try {
      onDone((await signRoi(request.id, name.trim(), signedDate)).request);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <p>{t('roi.explanation', { agency: request.agencyName })}</p>
      <dl className="facts">
        <div>
          <dt>{t('roi.start')}</dt>
          <dd>{term ? day(term.startDate) : '—'}</dd>
        </div>
        <div>
          <dt>{t('roi.end')}</dt>
          <dd>{term ? day(term.endDate) : '—'}</dd>
        </div>
      </dl>
      <TextField
        label={t('roi.name')}
        hint={t('roi.nameHint', { name: `${client.firstName} ${client.lastName}` })}
        value={name}
        onValue={setName}
        autoComplete="name"
        required
        error={problems.name}
      />
      <TextField
        label={t('roi.date')}
        type="date"
        value={signedDate}
        onValue={setSignedDate}
        required
        error={problems.date}
      />
      {error !== undefined && <ErrorAlert error={error} />}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? t('form.sending') : t('roi.submit')}
      </button>
    </form>
  );
}
