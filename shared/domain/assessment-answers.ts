import type { AssessmentField } from './requests';

/*
 * What counts as an answer to a number question, for the portal's form and the server alike:
 * digits with an optional minus sign and decimal point ("3", "-2", "12.50", ".5"). Anything else
 * is text, refused, rather than what Number() would make of it ("0x1A" is 26, "1e3" is 1000,
 * "" is 0).
 */
const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)$/;

export type NumberAnswerProblem = 'not_a_number' | 'below_minimum';

/** The number a client typed, or undefined when it is not one. */
export function parseNumberAnswer(value: string | number): number | undefined {
  const number =
    typeof value === 'number' ? value : NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** What is wrong with an answer to a number field, or null when it is a number the field allows. */
export function numberAnswerProblem(
  field: Pick<AssessmentField, 'min'>,
  value: string | number,
): NumberAnswerProblem | null {
  const number = parseNumberAnswer(value);
  if (number === undefined) return 'not_a_number';
  if (typeof field.min === 'number' && number < field.min) return 'below_minimum';
  return null;
}
