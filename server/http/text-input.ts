/*
 * Text that cannot be stored. PostgreSQL refuses a NUL character in text and in JSON (the request
 * would fail with a 500), and a lone half of a UTF-16 surrogate pair (what is left of an emoji cut
 * in two) is no character at all: it would be stored as "�" or refused the same way. Every input a
 * caller sends is checked for both before any schema sees it (parseInput in errors.ts), so no field
 * of any route can slip past, and the refusal names the field.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is what is looked for.
const NUL = /\u0000/;
/** With the u flag, a surrogate pair is one code point: only a lone half is in Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

export type TextProblem = 'nul' | 'lone_surrogate';

export function textProblem(text: string): TextProblem | undefined {
  if (NUL.test(text)) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return undefined;
}

export interface UnstorableText {
  problem: TextProblem;
  /** Where it is: object keys and array positions from the top of the input. */
  path: (string | number)[];
}

/**
 * The first string or object key in `input` (parsed JSON, a query, route parameters or form
 * fields) that cannot be stored. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findUnstorableText(input: unknown): UnstorableText | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { problem, path };
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], path: [...path, index] });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (const key of keys) {
        const problem = textProblem(key);
        if (problem) return { problem, path: [...path, key] };
      }
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** The refusal, as a sentence a person can act on. */
export function describeUnstorableText({ problem, path }: UnstorableText): string {
  const subject = path.length > 0 ? `The field “${path.join('.')}”` : 'The request';
  return problem === 'nul'
    ? `${subject} contains a NUL character (an invisible control code), which cannot be stored. Remove it and try again.`
    : `${subject} contains a broken character (half of an emoji or other symbol), which cannot be stored. Type it again.`;
}
