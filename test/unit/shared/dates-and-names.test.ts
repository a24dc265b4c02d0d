import { describe, expect, it } from 'vitest';
import { ageFromDateOfBirth, isValidIsoDate } from '../../../shared/domain/dates';
import { nameSearchKey } from '../../../shared/domain/names';

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
