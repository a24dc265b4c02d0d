import type { AssessmentField, RecordSummary } from '../../../../shared/domain/requests';
import { formatCalendarDate } from '../../lib/format';
import { assessmentData } from './record-data';

/** An answer as staff read it: Yes/No for a checkbox, a date as a date, a dash when left empty. */
function answerText(field: AssessmentField, value: string | number | boolean | undefined): string {
  if (value === undefined || value === '') return '—';
  if (field.type === 'checkbox' || typeof value === 'boolean')
    return value === true || value === 'true' ? 'Yes' : 'No';
  if (field.type === 'date' && typeof value === 'string') return formatCalendarDate(value);
  return String(value);
}

/** A completed assessment: its date and every answer beside the question it answers. */
export function AssessmentAnswers({ record }: { record: RecordSummary }) {
  const data = assessmentData(record);
  if (!data) return <p className="muted">This assessment’s answers can’t be shown.</p>;
  // Answers to questions no longer in the definition stay visible rather than silently dropped.
  const known = new Set(data.fields.map((field) => field.key));
  const extra = Object.keys(data.answers).filter((key) => !known.has(key));
  return (
    <div className="assessment-answers">
      <p className="record-card__facts">
        {data.definitionName !== record.title && (
          <span className="type-chip type-chip--plain">{data.definitionName}</span>
        )}
        <span>
          Assessment date: <strong>{formatCalendarDate(data.assessmentDate)}</strong>
        </span>
      </p>
      <dl className="answer-list">
        {data.fields.map((field) => (
          <div key={field.key} className="answer-list__row">
            <dt>
              {field.label}
              {field.required && <span className="answer-list__required"> (required)</span>}
            </dt>
            <dd className={data.answers[field.key] === undefined ? 'muted' : undefined}>
              {answerText(field, data.answers[field.key])}
            </dd>
          </div>
        ))}
        {extra.map((key) => (
          <div key={key} className="answer-list__row">
            <dt>{key}</dt>
            <dd>{String(data.answers[key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
