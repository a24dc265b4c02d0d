import { describe, expect, it } from 'vitest';
import { ageFromDateOfBirth, isValidIsoDate } from '../../../shared/domain/dates';
import { nameSearchKey, signedNameMatches } from '../../../shared/domain/names';
import { formatDayInTimeZone, isValidTimeZone, todayInTimeZone } from '../../../shared/domain/time-zone';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2023-13-01')).toBe(false);
    expect(isValidIsoDate('03/02/1984')).toBe(false);
  });

  it('counts age in whole years, the day before a birthday included', () => {
    const now = new Date(Date.UTC(2026, 10, 25));
    expect(ageFromDateOfBirth('1984-11-25', now)).toBe(42);
    expect(ageFromDateOfBirth('1984-11-26', now)).toBe(41);
    expect(ageFromDateOfBirth('not a date', now)).toBeUndefined();
  });
});

describe('name search keys', () => {
  it('fold accents and case so staff find names however they type them', () => {
    expect(nameSearchKey('José')).toBe('jose');
    expect(nameSearchKey('  Hernández ')).toBe('hernandez');
    expect(nameSearchKey("O'Brien-Smith")).toBe("o'brien-smith");
  });
});

describe('a signed name', () => {
  const jose = { firstName: 'José', lastName: 'García López' };

  it('is the client’s first and last name, whatever the case, accents and spaces', () => {
    for (const typed of [
      'José García López',
      'jose garcia lopez',
      '  JOSÉ   García  López ',
      'Jose Garcia-Lopez',
    ])
      expect(signedNameMatches(typed, jose), typed).toBe(true);
    expect(signedNameMatches('José Luis García López', jose)).toBe(true);
    expect(signedNameMatches("Sean O'Brien", { firstName: 'Seán', lastName: 'O’Brien' })).toBe(true);
    expect(signedNameMatches('Strasse Ana', { firstName: 'Straße', lastName: 'Ana' })).toBe(true);
  });

  it('is refused when a name is missing, changed or out of order', () => {
    for (const typed of ['José', 'García López', 'José García', 'García López José', 'Josh García López', ''])
      expect(signedNameMatches(typed, jose), typed).toBe(false);
  });
});

describe('agency time zones', () => {
  it('accepts IANA names Intl knows, and nothing else', () => {
    for (const zone of ['America/Los_Angeles', 'America/Chicago', 'America/Argentina/Buenos_Aires', 'UTC'])
      expect(isValidTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus_Mons', 'America/Los Angeles', '', 'PST; DROP TABLE agencies', '../etc'])
      expect(isValidTimeZone(zone), zone).toBe(false);
  });

  it('gives today in the agency’s zone, not UTC’s', () => {
    const evening = new Date('2026-11-25T05:30:00Z');
    expect(todayInTimeZone('America/Los_Angeles', evening)).toBe('2026-11-24');
    expect(todayInTimeZone('America/Chicago', evening)).toBe('2026-11-24');
    expect(todayInTimeZone('UTC', evening)).toBe('2026-11-25');
    expect(todayInTimeZone('Pacific/Kiritimati', new Date('2026-12-31T12:00:00Z'))).toBe('2027-01-01');
    expect(formatDayInTimeZone('2026-11-25T05:30:00Z', 'America/Los_Angeles')).toBe('Nov 24, 2026');
  });
});
