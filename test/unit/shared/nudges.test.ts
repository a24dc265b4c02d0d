import { describe, expect, it } from 'vitest';
import {
  isEmailAddress,
  isQuietMinute,
  localMinute,
  nextAllowedInstant,
  normalizePhone,
  nudgeContent,
  parseClock,
} from '../../../shared/domain/nudges';

const LA = 'America/Los_Angeles';
const NIGHT = { start: 21 * 60, end: 8 * 60 };

describe('nudge rules', () => {
  it('reads quiet hours across midnight, and within a day', () => {
    expect(isQuietMinute(NIGHT, 20 * 60 + 59)).toBe(false);
    expect(isQuietMinute(NIGHT, 21 * 60)).toBe(true);
    expect(isQuietMinute(NIGHT, 3 * 60)).toBe(true);
    expect(isQuietMinute(NIGHT, 8 * 60)).toBe(false);
    expect(isQuietMinute({ start: 12 * 60, end: 14 * 60 }, 13 * 60)).toBe(true);
    expect(isQuietMinute({ start: 12 * 60, end: 14 * 60 }, 15 * 60)).toBe(false);
    expect(isQuietMinute({ start: 600, end: 600 }, 600)).toBe(false);
  });

  it('puts a nudge at 11 pm in Los Angeles to 8 am the next morning there', () => {
    const lateNight = new Date('2026-12-04T07:00:00Z'); // 23:00 PST on Dec 3
    expect(localMinute(lateNight, LA)).toBe(23 * 60);
    expect(nextAllowedInstant(NIGHT, lateNight, LA).toISOString()).toBe('2026-12-04T16:00:00.000Z');
    const morning = new Date('2026-12-04T18:00:00Z'); // 10:00 PST
    expect(nextAllowedInstant(NIGHT, morning, LA)).toBe(morning);
    // The same rule in the agency's own zone, not the server's: 11 pm in Chicago is 9 pm in LA.
    expect(nextAllowedInstant(NIGHT, new Date('2026-12-04T05:00:00Z'), 'America/Chicago').toISOString()).toBe(
      '2026-12-04T14:00:00.000Z',
    );
  });

  it('reads phone numbers as typed into E.164, and refuses what is not one', () => {
    expect(normalizePhone('(503) 555-0142')).toBe('+15035550142');
    expect(normalizePhone('1 503 555 0142')).toBe('+15035550142');
    expect(normalizePhone('+52 55 1234 5678')).toBe('+525512345678');
    expect(normalizePhone('555-0142')).toBeUndefined();
    expect(normalizePhone('+0 123 456 789')).toBeUndefined();
    expect(normalizePhone('call me')).toBeUndefined();
  });

  it('checks the shape of an email address and of a time', () => {
    expect(isEmailAddress('marcus@example.org')).toBe(true);
    expect(isEmailAddress('marcus@localhost')).toBe(false);
    expect(isEmailAddress('a b@example.org')).toBe(false);
    expect(parseClock('21:00')).toBe(1260);
    expect(parseClock('24:00')).toBeUndefined();
  });

  it('says nothing but that there is news, unless the client chose details', () => {
    const plain = nudgeContent('en', 'https://portal.example.org/portal/');
    expect(plain.text).toBe('You have a new message. Open your portal: https://portal.example.org/portal/');
    expect(nudgeContent('es', 'https://x/portal/').text).toBe(
      'Tiene un mensaje nuevo. Abra su portal: https://x/portal/',
    );
    const detailed = nudgeContent('en', 'https://x/portal/', {
      agencyName: 'Harbor Light Outreach',
      items: 3,
    });
    expect(detailed.text).toBe(
      'Harbor Light Outreach sent you 3 new messages or requests. Open your portal: https://x/portal/',
    );
  });
});
