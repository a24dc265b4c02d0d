import { z } from 'zod';
import { numberAnswerProblem, parseNumberAnswer } from '../../shared/domain/assessment-answers';
import { isValidIsoDate } from '../../shared/domain/dates';
import type { AssessmentField } from '../../shared/domain/requests';
import { badRequest } from '../http/errors';

type Answer = string | number | boolean;

/** An answer as a form may send it: text, a number, or a checkbox's true or false. */
export const answerValueSchema = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null()]);

const MAX_TEXT: Record<'text' | 'textarea', number> = { text: 1_000, textarea: 10_000 };

/** Whether a value counts as not answered: absent, null or only spaces. */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** One answer checked and normalized for its field; a sentence saying what is wrong otherwise. */
function checkAnswer(field: AssessmentField, value: Answer | null): Answer | string[] {
  const wrong = (what: string) => [`The answer to “${field.label}” ${what}`];
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return wrong('must be text.');
      const text = value.trim();
      if (text.length > MAX_TEXT[field.type])
        return wrong(`must be at most ${MAX_TEXT[field.type].toLocaleString('en-US')} characters.`);
      return text;
    }
    case 'number': {
      // Forms send what was typed; a number given as text ("12.50") is accepted as that number.
      if (typeof value !== 'string' && typeof value !== 'number') return wrong('must be a number.');
      const number = parseNumberAnswer(value);
      if (number === undefined) return wrong('must be a number.');
      if (numberAnswerProblem(field, number) === 'below_minimum')
        return wrong(field.min === 0 ? 'cannot be negative.' : `must be ${field.min} or more.`);
      return number;
    }
    case 'date':
      if (typeof value !== 'string' || !isValidIsoDate(value.trim()))
        return wrong('must be a date (YYYY-MM-DD).');
      return value.trim();
    case 'select':
      if (typeof value !== 'string' || !field.options.includes(value))
        return wrong(`must be one of: ${field.options.join(', ')}.`);
      return value;
    case 'checkbox':
      if (typeof value !== 'boolean') return wrong('must be checked or not checked.');
      return value;
  }
}

/** Names the unanswered questions: the first few, so the sentence stays readable on a phone. */
function missingMessage(missing: readonly AssessmentField[]): string {
  const shown = missing.slice(0, 3).map((field) => {
    const label = Array.from(field.label);
    return `“${label.length > 60 ? `${label.slice(0, 59).join('').trimEnd()}…` : field.label}”`;
  });
  const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
  return `Answer the required ${missing.length === 1 ? 'question' : 'questions'}: ${shown.join(', ')}${more}.`;
}

/**
 * Checks a client's answers against an assessment's fields: every required field answered (a
 * required checkbox checked), each value of its field's type, no answers to questions the
 * assessment does not have. Answers the cleaned answers; blank optional answers are left out.
 */
export function validateAnswers(
  fields: readonly AssessmentField[],
  answers: Record<string, Answer | null>,
): Record<string, Answer> {
  const known = new Set(fields.map((field) => field.key));
  const unknown = Object.keys(answers).find((key) => !known.has(key));
  if (unknown !== undefined)
    throw badRequest(
      `The answer “${unknown.slice(0, 60)}” is not to a question of this assessment. Reload it and try again.`,
    );
  const missing = fields.filter((field) => {
    const value = answers[field.key];
    return field.required && (isBlank(value) || (field.type === 'checkbox' && value !== true));
  });
  if (missing.length > 0) throw badRequest(missingMessage(missing));
  const cleaned: Record<string, Answer> = {};
  for (const field of fields) {
    const value = answers[field.key];
    if (value === undefined || isBlank(value)) continue;
    const checked = checkAnswer(field, value);
    if (Array.isArray(checked)) throw badRequest(checked.join(' '));
    cleaned[field.key] = checked;
  }
  return cleaned;
}
