import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  matchTotp,
  otpauthUri,
  totpCode,
} from '../../../server/auth/totp';

/** RFC 6238 appendix B's SHA-1 key, "12345678901234567890". */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET_BASE32 = base32Encode(RFC_SECRET);

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it('encodes and decodes base32 as RFC 4648 does', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(RFC_SECRET_BASE32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(() => base32Decode('not base32!')).toThrow();
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
  });

  it('matches the RFC test vectors (the last 6 of their 8 digits)', () => {
    // RFC 6238 appendix B: time → 8-digit SHA-1 TOTP.
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, eight] of vectors)
      expect(totpCode(RFC_SECRET_BASE32, seconds * 1000)).toBe(eight.slice(2));
    // RFC 4226 appendix D: HOTP counters 0 and 1.
    expect(hotp(RFC_SECRET, 0)).toBe('755224');
    expect(hotp(RFC_SECRET, 1)).toBe('287082');
  });

  it('accepts one step either side, and never a step already used', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    const at = (offset: number) => totpCode(RFC_SECRET_BASE32, now + offset * 30_000);
    expect(matchTotp(RFC_SECRET_BASE32, at(0), 0, now)).toBe(step);
    expect(matchTotp(RFC_SECRET_BASE32, at(-1), 0, now)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET_BASE32, at(1), 0, now)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET_BASE32, at(-2), 0, now)).toBeUndefined();
    expect(matchTotp(RFC_SECRET_BASE32, at(2), 0, now)).toBeUndefined();
    expect(matchTotp(RFC_SECRET_BASE32, at(0), step, now)).toBeUndefined();
    expect(matchTotp(RFC_SECRET_BASE32, at(1), step, now)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET_BASE32, '12345', 0, now)).toBeUndefined();
    expect(matchTotp(RFC_SECRET_BASE32, 'abcdef', 0, now)).toBeUndefined();
  });

  it('builds the otpauth address authenticator apps read', () => {
    const uri = new URL(otpauthUri('ABC234', 'casey (Harbor Light Outreach)'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Portico:casey (Harbor Light Outreach)');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'ABC234',
      issuer: 'Portico',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
