import { isValidIsoDate } from '../../../shared/domain/dates';
import { nameSearchKey } from '../../../shared/domain/names';

/** What a search box entry asks for: name prefixes, and a birth date or part of one. */
export interface ClientQuery {
  namePrefixes: string[];
  /** Exact `YYYY-MM-DD`, or a prefix such as `1984` or `1984-03`. */
  birthDatePrefix: string | undefined;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * Reads "smith", "maria gar", "1984", "1984-03-02" or "3/2/1984". Staff type dates the way they
 * see them on paperwork, so US-style dates are understood too.
 */
export function parseClientQuery(raw: string): ClientQuery {
  const namePrefixes: string[] = [];
  let birthDatePrefix: string | undefined;
  for (const token of raw.trim().split(/\s+/).filter(Boolean)) {
    const us = US_DATE.exec(token);
    if (us) {
      const iso = `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
      if (isValidIsoDate(iso)) {
        birthDatePrefix = iso;
        continue;
      }
    }
    if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(token)) {
      birthDatePrefix = token;
      continue;
    }
    const key = nameSearchKey(token);
    if (key) namePrefixes.push(key);
  }
  return { namePrefixes, birthDatePrefix };
}

export function matchesQuery(
  client: { firstNameKey: string; lastNameKey: string; dateOfBirth: string },
  query: ClientQuery,
): boolean {
  if (query.birthDatePrefix && !client.dateOfBirth.startsWith(query.birthDatePrefix)) return false;
  const words = `${client.firstNameKey} ${client.lastNameKey}`.split(/[\s-]+/);
  return query.namePrefixes.every((prefix) => words.some((word) => word.startsWith(prefix)));
}
