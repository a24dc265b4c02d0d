import { describe, expect, it } from 'vitest';
import { matchesQuery, parseClientQuery } from '../../../main/services/clients/client-search';

const maria = { firstNameKey: 'maria', lastNameKey: 'garcia', dateOfBirth: '1984-03-02' };

describe('reading the client search box', () => {
  it('takes names as prefixes of first or last name, accents and case ignored', () => {
    expect(parseClientQuery('  García  MAR ')).toEqual({
      namePrefixes: ['garcia', 'mar'],
      birthDatePrefix: undefined,
    });
    expect(matchesQuery(maria, parseClientQuery('gar'))).toBe(true);
    expect(matchesQuery(maria, parseClientQuery('mar gar'))).toBe(true);
    expect(matchesQuery(maria, parseClientQuery('maria lopez'))).toBe(false);
  });

  it('understands birth dates as ISO, partial ISO and US style', () => {
    expect(parseClientQuery('1984-03-02').birthDatePrefix).toBe('1984-03-02');
    expect(parseClientQuery('3/2/1984').birthDatePrefix).toBe('1984-03-02');
    expect(parseClientQuery('1984').birthDatePrefix).toBe('1984');
    expect(matchesQuery(maria, parseClientQuery('garcia 1984'))).toBe(true);
    expect(matchesQuery(maria, parseClientQuery('garcia 1985'))).toBe(false);
    // An impossible date is not a date: it is searched as text and matches no name.
    expect(parseClientQuery('2/30/1984').birthDatePrefix).toBeUndefined();
  });
});
