import { dictionary } from '@zxcvbn-ts/language-common';

/*
 * The passwords people use most (the 49,000 of zxcvbn's common list, kept by the zxcvbn-ts project
 * and drawn from leaked password sets), compared in lower case: "Password123" is as guessable as
 * "password123". Loaded once, on the server only; the portal's pages never download it.
 */
let common: ReadonlySet<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}
