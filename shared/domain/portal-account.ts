/*
 * Rules for a client's Customer Portal account, shared by the agency server (which enforces them)
 * and the portal's web app (which checks them before sending, in the client's language).
 */

/** An invitation link works for this long after it is sent (or resent). */
export const PORTAL_INVITE_DAYS = 7;

/** A portal session ends after this long without a request, whatever its absolute lifetime. */
export const PORTAL_IDLE_TIMEOUT_MS = 30 * 60_000;

/** The web app warns this long before it signs an idle client out. */
export const PORTAL_IDLE_WARNING_MS = 2 * 60_000;

/**
 * The longest message a client may write in the portal, in characters of text. The server refuses
 * longer ones too; staff messages have their own, much larger, limit.
 */
export const PORTAL_MESSAGE_MAX_CHARS = 5_000;

export const PORTAL_USERNAME_MIN = 3;
export const PORTAL_USERNAME_MAX = 30;
export const PORTAL_PASSWORD_MIN = 10;
export const PORTAL_PASSWORD_MAX = 200;

/**
 * Lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit: easy
 * to type on any phone keyboard and to read out over the phone to a case manager.
 */
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export type UsernameProblem = 'too_short' | 'too_long' | 'characters';
export type PasswordProblem = 'too_short' | 'too_long' | 'needs_letter_and_digit';

/** Usernames are kept in lower case; what the client types is folded the same way before checking. */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export function usernameProblem(raw: string): UsernameProblem | null {
  const username = normalizeUsername(raw);
  if (username.length < PORTAL_USERNAME_MIN) return 'too_short';
  if (username.length > PORTAL_USERNAME_MAX) return 'too_long';
  return USERNAME_PATTERN.test(username) ? null : 'characters';
}

export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PORTAL_PASSWORD_MIN) return 'too_short';
  if (password.length > PORTAL_PASSWORD_MAX) return 'too_long';
  return /\p{L}/u.test(password) && /\p{Nd}/u.test(password) ? null : 'needs_letter_and_digit';
}

/** The server's English wording of each rule; the web app has its own in each language. */
export const USERNAME_RULE = `Choose a username of ${PORTAL_USERNAME_MIN} to ${PORTAL_USERNAME_MAX} characters using letters, numbers, dots, dashes or underscores, starting with a letter or number.`;
export const PASSWORD_RULE = `Choose a password of at least ${PORTAL_PASSWORD_MIN} characters with at least one letter and one number. Commonly used passwords, such as “password123”, are not accepted.`;
/**
 * The server alone checks a password against the list of commonly used ones (too large for a phone
 * to download); it answers `common_password` with this.
 */
export const COMMON_PASSWORD_RULE = `That password is one of the most commonly used, so it is easy to guess. Choose another one of at least ${PORTAL_PASSWORD_MIN} characters with at least one letter and one number.`;
