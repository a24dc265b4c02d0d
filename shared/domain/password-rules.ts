/*
 * Rules for staff passwords, shared by the agency server (which enforces them) and the desktop
 * (which shows them, and checks as the person types). What is enforced, exactly:
 *
 *  - at least STAFF_PASSWORD_MIN characters (and at most STAFF_PASSWORD_MAX);
 *  - at least one upper-case letter, one lower-case letter, one digit, and one symbol (any
 *    character that is neither a letter nor a digit: punctuation, a space, an emoji);
 *  - not containing, in any letter case and ignoring accents, the username or any word of the
 *    person's name (first, middle, last; a word is a run of letters) that has 3 or more letters;
 *  - no run of 3 or more consecutive characters that step through a–z (either case) or 0–9 by
 *    one, ascending or descending ("abc", "CBA", "123", "321"; "xyz" too, but nothing wraps
 *    around: "yza" and "901" are allowed);
 *  - no character repeated 3 or more times in a row ("aaa", "111", "!!!"; "aAa" counts too);
 *  - (server only) not one of the account's last PASSWORD_HISTORY_DEPTH passwords, the current
 *    one included.
 */

export const STAFF_PASSWORD_MIN = 8;
export const STAFF_PASSWORD_MAX = 200;
/** How many of an account's passwords a new one must differ from, the current one included. */
export const PASSWORD_HISTORY_DEPTH = 3;
/** The shortest name or username a password is checked against: shorter ones match too much. */
export const NAME_CHECK_MIN = 3;
/** How long a run of sequential or repeated characters may be before it is refused. */
const RUN_LIMIT = 3;

export type StaffPasswordProblem =
  | 'too_short'
  | 'too_long'
  | 'needs_upper'
  | 'needs_lower'
  | 'needs_digit'
  | 'needs_symbol'
  | 'contains_name'
  | 'sequential_run'
  | 'repeated_run'
  | 'recently_used';

/** Whose password it is: the username and the display name ("Casey Morgan"). */
export interface PasswordOwner {
  username: string;
  displayName: string;
}

/** The rules in the order the desktop lists them, each as a sentence. */
export const STAFF_PASSWORD_RULES: readonly string[] = [
  `At least ${STAFF_PASSWORD_MIN} characters.`,
  'At least one upper-case letter, one lower-case letter, one digit and one symbol (such as # or !).',
  `Not containing your username or your first or last name (names of ${NAME_CHECK_MIN} or more letters).`,
  'No runs of 3 letters or digits in sequence, such as “abc”, “CBA”, “123” or “321”.',
  'No character 3 times in a row, such as “aaa” or “111”.',
  `Not one of your last ${PASSWORD_HISTORY_DEPTH} passwords.`,
];

/** What the server answers for each broken rule, naming the rule. */
export const PASSWORD_PROBLEM_MESSAGES: Record<StaffPasswordProblem, string> = {
  too_short: `The new password is too short: use at least ${STAFF_PASSWORD_MIN} characters.`,
  too_long: `The new password is too long: use at most ${STAFF_PASSWORD_MAX} characters.`,
  needs_upper: 'The new password needs at least one upper-case letter.',
  needs_lower: 'The new password needs at least one lower-case letter.',
  needs_digit: 'The new password needs at least one digit.',
  needs_symbol: 'The new password needs at least one symbol, such as # or !.',
  contains_name: 'The new password must not contain your username or your first or last name.',
  sequential_run:
    'The new password must not contain 3 letters or digits in sequence, such as “abc”, “CBA”, “123” or “321”.',
  repeated_run: 'The new password must not repeat a character 3 times in a row, such as “aaa” or “111”.',
  recently_used: `The new password must be different from your last ${PASSWORD_HISTORY_DEPTH} passwords.`,
};

/** Lower case without accents, so "José" and "JOSE" both match "jose". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words a password may not contain: the username and each name word of 3+ letters. */
export function forbiddenWords(owner: PasswordOwner): string[] {
  const words = new Set<string>();
  const username = fold(owner.username.trim());
  if (username.length >= NAME_CHECK_MIN) words.add(username);
  for (const source of [owner.displayName, owner.username]) {
    for (const word of fold(source).split(/[^\p{L}]+/u)) {
      if ([...word].length >= NAME_CHECK_MIN) words.add(word);
    }
  }
  return [...words];
}

/** The position of a–z or 0–9 in its own alphabet, with which alphabet; undefined for anything else. */
function sequencePosition(char: string): { alphabet: 'letter' | 'digit'; index: number } | undefined {
  if (char.length !== 1) return undefined;
  const code = char.toLowerCase().charCodeAt(0);
  if (code >= 97 && code <= 122) return { alphabet: 'letter', index: code - 97 };
  if (code >= 48 && code <= 57) return { alphabet: 'digit', index: code - 48 };
  return undefined;
}

/** Whether `chars` has RUN_LIMIT characters in a row stepping by +1 or -1 through a–z or 0–9. */
export function hasSequentialRun(password: string): boolean {
  const chars = [...password];
  for (let start = 0; start + RUN_LIMIT <= chars.length; start++) {
    const positions = chars.slice(start, start + RUN_LIMIT).map(sequencePosition);
    const first = positions[0];
    const second = positions[1];
    if (!first || !second || first.alphabet !== second.alphabet) continue;
    const step = second.index - first.index;
    if (step !== 1 && step !== -1) continue;
    const steady = positions.every(
      (position, offset) =>
        position !== undefined &&
        position.alphabet === first.alphabet &&
        position.index === first.index + step * offset,
    );
    if (steady) return true;
  }
  return false;
}

/** Whether one character (in any letter case) comes RUN_LIMIT times in a row. */
export function hasRepeatedRun(password: string): boolean {
  const chars = [...password.toLowerCase()];
  let run = 1;
  for (let index = 1; index < chars.length; index++) {
    run = chars[index] === chars[index - 1] ? run + 1 : 1;
    if (run >= RUN_LIMIT) return true;
  }
  return false;
}

/**
 * Every rule a new staff password breaks, in the order of STAFF_PASSWORD_RULES; empty when it is
 * acceptable. The history rule needs the stored hashes, so only the server checks it.
 */
export function staffPasswordProblems(password: string, owner: PasswordOwner): StaffPasswordProblem[] {
  const problems: StaffPasswordProblem[] = [];
  const length = [...password].length;
  if (length < STAFF_PASSWORD_MIN) problems.push('too_short');
  if (length > STAFF_PASSWORD_MAX) problems.push('too_long');
  if (!/\p{Lu}/u.test(password)) problems.push('needs_upper');
  if (!/\p{Ll}/u.test(password)) problems.push('needs_lower');
  if (!/\p{Nd}/u.test(password)) problems.push('needs_digit');
  if (!/[^\p{L}\p{Nd}]/u.test(password)) problems.push('needs_symbol');
  const folded = fold(password);
  if (forbiddenWords(owner).some((word) => folded.includes(word))) problems.push('contains_name');
  if (hasSequentialRun(password)) problems.push('sequential_run');
  if (hasRepeatedRun(password)) problems.push('repeated_run');
  return problems;
}
