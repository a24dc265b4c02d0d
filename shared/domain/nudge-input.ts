import { z } from 'zod';
import { isEmailAddress, NUDGE_CHANNELS, normalizePhone, parseClock } from './nudges';

/*
 * The server's checks of nudge settings and codes (nudges.ts has the rules both sides share). Kept
 * apart so the portal, which imports nudges.ts, ships no zod.
 */

const clock = (what: string) =>
  z
    .string()
    .max(5, `${what} is a time such as 21:00.`)
    .refine((text) => parseClock(text) !== undefined, {
      message: `${what} is a time such as 21:00.`,
    });

/** What a client (or staff with the client's consent) may set. Empty address: none given. */
export const nudgeSettingsInputSchema = z.object({
  channel: z.enum(NUDGE_CHANNELS, { message: 'Choose how to be told: none, email, text or both.' }),
  email: z
    .string()
    .max(254, 'An email address has at most 254 characters.')
    .transform((text) => text.trim())
    .refine((text) => text === '' || isEmailAddress(text), {
      message: 'Enter an email address such as name@example.org.',
    }),
  phone: z
    .string()
    .max(24, 'A phone number has at most 15 digits.')
    .refine((text) => text.trim() === '' || normalizePhone(text) !== undefined, {
      message: 'Enter a mobile number such as (503) 555-0142 or +52 55 1234 5678.',
    })
    .transform((text) => (text.trim() === '' ? '' : (normalizePhone(text) ?? ''))),
  showDetails: z.boolean({ message: 'Show details is true or false.' }),
  /** Null for the agency's quiet hours. */
  quietHours: z
    .object({ start: clock('The start of quiet hours'), end: clock('The end of quiet hours') })
    .nullable(),
});

export const verificationStartSchema = z.object({
  channel: z.enum(['email', 'sms'], { message: 'Choose email or sms.' }),
});

export const verificationCodeSchema = z.object({
  channel: z.enum(['email', 'sms'], { message: 'Choose email or sms.' }),
  code: z
    .string()
    .max(12, 'The code has 6 digits.')
    .transform((text) => text.replace(/\s/g, ''))
    .refine((text) => /^\d{6}$/.test(text), { message: 'The code has 6 digits.' }),
});
