import { type FormEvent, useState } from 'react';
import { isValidIsoDate } from '../../../../../shared/domain/dates';
import type { AssessmentField } from '../../../../../shared/domain/requests';
import { submitAssessment } from '../../api/portal-api';
import type { PortalRequest } from '../../api/types';
import { ErrorAlert } from '../../components/Feedback';
import { FieldFrame, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { localToday } from '../../lib/dates';

type Answers = Record<string, string | boolean>;

function isAnswered(field: AssessmentField, value: string | boolean | undefined): boolean {
  if (field.type === 'checkbox') return value === true;
  return typeof value === 'string' && value.trim() !== '';
}

function FieldInput({
  field,
  value,
  onValue,
}: {
  field: AssessmentField;
  value: string | boolean | undefined;
  onValue: (value: string | boolean) => void;
}) {
  const { t } = useI18n();
  const text = typeof value === 'string' ? value : '';
  if (field.type === 'checkbox')
    return (
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={value === true}
            onChange={(e) => onValue(e.target.checked)}
            aria-required={field.required || undefined}
          />
          <span>
            {field.label}
            {field.required && (
              <span className="required" aria-hidden="true">
                {' '}
                *
              </span>
            )}
          </span>
        </label>
      </div>
    );
  const numberProblem =
    field.type === 'number' && text.trim() !== '' && !Number.isFinite(Number(text.trim()))
      ? t('assessment.notANumber')
      : undefined;
  return (
    <FieldFrame label={field.label} required={field.required} error={numberProblem}>
      {({ id, describedBy, invalid }) => {
        const common = {
          id,
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          'aria-required': field.required || undefined,
        };
        if (field.type === 'textarea')
          return (
            <textarea
              className="input textarea"
              rows={4}
              value={text}
              onChange={(e) => onValue(e.target.value)}
              {...common}
            />
          );
        if (field.type === 'select')
          return (
            <select
              className="input select"
              value={text}
              onChange={(e) => onValue(e.target.value)}
              {...common}
            >
              <option value="">{t('form.choose')}</option>
              {field.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          );
        return (
          <input
            className="input"
            type={field.type === 'date' ? 'date' : 'text'}
            inputMode={field.type === 'number' ? 'decimal' : undefined}
            value={text}
            onChange={(e) => onValue(e.target.value)}
            {...common}
          />
        );
      }}
    </FieldFrame>
  );
}

/**
 * An assessment built from its definition's fields. Required questions must be answered before
 * the form can be sent; the button says how many are left, so a disabled button is never a mystery.
 */
export function AssessmentForm({
  request,
  onDone,
}: {
  request: PortalRequest;
  onDone: (request: PortalRequest) => void;
}) {
  const { t, tn } = useI18n();
  const fields = request.assessment?.fields ?? [];
  const [assessmentDate, setAssessmentDate] = useState(localToday);
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const missing = fields.filter((field) => field.required && !isAnswered(field, answers[field.key])).length;
  const badNumber = fields.some(
    (field) =>
      field.type === 'number' &&
      isAnswered(field, answers[field.key]) &&
      !Number.isFinite(Number(answers[field.key])),
  );
  const dateOk = isValidIsoDate(assessmentDate);
  const ready = missing === 0 && dateOk && !badNumber;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    const sent: Record<string, string | boolean | null> = {};
    for (const field of fields) {
      const value = answers[field.key];
      if (field.type === 'checkbox') sent[field.key] = value === true;
      else if (typeof value === 'string' && value.trim() !== '') sent[field.key] = value.trim();
    }
    try {
      onDone((await submitAssessment(request.id, assessmentDate, sent)).request);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate>
      {request.assessment?.description && <p>{request.assessment.description}</p>}
      <p className="muted">{t('form.requiredNote')}</p>
      <TextField
        label={t('assessment.date')}
        type="date"
        value={assessmentDate}
        onValue={setAssessmentDate}
        required
        error={dateOk ? undefined : t('assessment.dateMissing')}
      />
      {fields.map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          value={answers[field.key]}
          onValue={(value) => setAnswers((previous) => ({ ...previous, [field.key]: value }))}
        />
      ))}
      {error !== undefined && <ErrorAlert error={error} />}
      <p className="submit-hint" id="assessment-status" aria-live="polite">
        {missing > 0 ? tn('assessment.missing', missing) : t('assessment.ready')}
      </p>
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={!ready || busy}
        aria-describedby="assessment-status"
      >
        {busy ? t('form.sending') : t('assessment.submit')}
      </button>
    </form>
  );
}
