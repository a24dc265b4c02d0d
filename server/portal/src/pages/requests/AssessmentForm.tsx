import { type FormEvent, useEffect, useRef, useState } from 'react';
import { numberAnswerProblem } from '../../../../../shared/domain/assessment-answers';
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

/** What is wrong with a number answer, in the client's words; undefined when nothing is. */
function numberError(
  field: AssessmentField,
  value: string,
  t: ReturnType<typeof useI18n>['t'],
): string | undefined {
  if (field.type !== 'number' || value.trim() === '') return undefined;
  const problem = numberAnswerProblem(field, value);
  if (problem === 'not_a_number') return t('assessment.notANumber');
  if (problem === 'below_minimum')
    return field.min === 0 ? t('assessment.notNegative') : t('assessment.atLeast', { min: field.min ?? 0 });
  return undefined;
}

function FieldInput({
  field,
  value,
  error,
  onValue,
}: {
  field: AssessmentField;
  value: string | boolean | undefined;
  /** What is wrong with the answer, shown next to the field as the client types. */
  error: string | undefined;
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
  return (
    <FieldFrame label={field.label} required={field.required} error={error}>
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
        // Phones' decimal keypads may have no minus sign: only a field that refuses negatives gets one.
        const numberKeypad = field.type === 'number' && typeof field.min === 'number' && field.min >= 0;
        return (
          <input
            className="input"
            type={field.type === 'date' ? 'date' : 'text'}
            inputMode={numberKeypad ? 'decimal' : undefined}
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
 * the form can be sent; the line above the button says what is left to do, and says every
 * required question is answered only when the form can really be sent. An answer that cannot be
 * sent (text in a number question, a negative number where the question refuses one) is marked
 * next to its question, and sending takes the client there.
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
  const [tried, setTried] = useState(0);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const missing = fields.filter((field) => field.required && !isAnswered(field, answers[field.key])).length;
  const errors = new Map<string, string>();
  for (const field of fields) {
    const value = answers[field.key];
    const problem = typeof value === 'string' ? numberError(field, value, t) : undefined;
    if (problem) errors.set(field.key, problem);
  }
  const dateOk = isValidIsoDate(assessmentDate);
  const toFix = errors.size + (dateOk ? 0 : 1);
  const ready = missing === 0 && toFix === 0;

  // After a refused send, the first answer to fix is brought into view, with its message beside it.
  useEffect(() => {
    if (tried === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.scrollIntoView({ block: 'center' });
    first?.focus({ preventScroll: true });
  }, [tried]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!ready) {
      setTried((n) => n + 1);
      return;
    }
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

  const status = [
    missing > 0 ? tn('assessment.missing', missing) : '',
    toFix > 0 ? tn('assessment.toFix', toFix) : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <form ref={form} className="card form" onSubmit={submit} noValidate>
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
          error={errors.get(field.key)}
          onValue={(value) => setAnswers((previous) => ({ ...previous, [field.key]: value }))}
        />
      ))}
      {error !== undefined && <ErrorAlert error={error} />}
      <p className="submit-hint" id="assessment-status" aria-live="polite">
        {ready ? t('assessment.ready') : status}
      </p>
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={missing > 0 || busy}
        aria-describedby="assessment-status"
      >
        {busy ? t('form.sending') : t('assessment.submit')}
      </button>
    </form>
  );
}
