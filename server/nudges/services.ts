import type { EmailSender } from './email-sender';
import type { SmsSender } from './sms-sender';

/** What the time is for nudges: the wall clock, or a test's clock (see NudgeWorker). */
export type Clock = () => Date;

/**
 * Everything that sends nudges, built once per server from SMTP_URL and SMS_URL. A channel left
 * unset is off: settings say so and nothing is queued for it.
 */
export interface NudgeServices {
  email: EmailSender | undefined;
  sms: SmsSender | undefined;
  /** The SMS provider's auth token, which signs its callbacks. */
  smsAuthToken: string | undefined;
  /** The address clients' phones and the provider reach this server at (PUBLIC_URL, else our own). */
  publicUrl(): string;
  /** Whether the provider can reach us for status callbacks (only with PUBLIC_URL). */
  hasPublicUrl: boolean;
  clock: Clock;
}

export const nudgesAvailable = (services: NudgeServices) => ({
  email: services.email !== undefined,
  sms: services.sms !== undefined,
});
