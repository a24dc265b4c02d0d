/**
 * Search keys for names: lower case, accents folded, so "José" is found by "jose".
 * Stored on each client document so the local cache can answer prefix searches from an index.
 */
export function nameSearchKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9' -]/g, '')
    .trim();
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

export function initials(person: { firstName: string; lastName: string }): string {
  return `${person.firstName.charAt(0)}${person.lastName.charAt(0)}`.toUpperCase();
}

/*
 * Signing a Release of Information: the typed name must be the client's name as the agency has it.
 * Compared word by word with Intl's collator at base strength, so letter case and accents do not
 * count ("jose garcia" signs for José García), nor do extra spaces, dots and apostrophes, and a
 * hyphen is a space ("Garcia-Lopez" for García López).
 */
const signatureCollator = new Intl.Collator('en-US', { sensitivity: 'base', usage: 'search' });

function signatureWords(name: string): string[] {
  return name
    .replace(/[.'’‘ʼ`´]/g, '')
    .replace(/[-‐‑‒–—,]/g, ' ')
    .split(/\s+/u)
    .filter((word) => word !== '');
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => signatureCollator.compare(word, b[i] ?? '') === 0);
}

/**
 * Whether `signed` is the client's full name: their first name and last name at least, in that
 * order, with any middle names between them.
 */
export function signedNameMatches(signed: string, person: { firstName: string; lastName: string }): boolean {
  const words = signatureWords(signed);
  const first = signatureWords(person.firstName);
  const last = signatureWords(person.lastName);
  if (first.length + last.length === 0 || words.length < first.length + last.length) return false;
  return (
    sameWords(words.slice(0, first.length), first) && sameWords(words.slice(words.length - last.length), last)
  );
}
