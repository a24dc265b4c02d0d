import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Texts through an HTTP API in the common Twilio-compatible form (Twilio itself, and the providers
 * and gateways that copy its shape): POST {SMS_URL}/Accounts/{SID}/Messages.json with To, From,
 * Body and StatusCallback as a form, HTTP Basic with the account SID and auth token; the answer is
 * JSON with the message's `sid` and `status`, or `{code, message}` on a refusal. The provider then
 * POSTs each status change to StatusCallback, and every text a client sends to our number to the
 * inbound address set up with the provider, both signed with X-Twilio-Signature.
 */

export interface SmsConfig {
  /** The API's base, e.g. https://api.twilio.com/2010-04-01. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Our number (E.164) or messaging service id. */
  from: string;
}

export interface OutgoingSms {
  to: string;
  body: string;
  /** Where the provider reports delivery; omitted when the server has no public address. */
  statusCallback?: string;
}

/** A refusal by the provider, or a failed call: `permanent` ones are not retried. */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly permanent: boolean,
    /** The provider's error code, when it gave one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export interface SmsSender {
  send(sms: OutgoingSms): Promise<{ id: string; status: string }>;
}

/** Provider error codes staff meet, in words for the profile ("Last SMS failed: number unreachable"). */
const ERROR_WORDS: Record<string, string> = {
  '21211': 'number not valid',
  '21610': 'the client replied STOP',
  '21612': 'number cannot be reached from ours',
  '21614': 'number cannot receive texts',
  '30003': 'number unreachable',
  '30004': 'message blocked by the phone',
  '30005': 'number unknown',
  '30006': 'number cannot receive texts (landline)',
  '30007': 'filtered by the carrier',
  '30008': 'delivery failed',
};

/** The provider's code for a number that replied STOP to us (carriers keep blocking it). */
export const OPTED_OUT_CODE = '21610';

/** Codes that will not change on a retry: a wrong or landline number, a client who said STOP. */
const PERMANENT_CODES = new Set(['21211', '21610', '21614', '30005', '30006']);

export function describeSmsError(code: string | number | null | undefined): string {
  if (code === null || code === undefined || code === '') return 'delivery failed';
  return ERROR_WORDS[String(code)] ?? `the provider reported error ${String(code)}`;
}

export function isPermanentSmsError(code: string | number | null | undefined): boolean {
  return code !== null && code !== undefined && PERMANENT_CODES.has(String(code));
}

export function twilioCompatibleSender(config: SmsConfig, fetchImpl: typeof fetch = fetch): SmsSender {
  const endpoint = `${config.url.replace(/\/+$/, '')}/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  return {
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, From: config.from, Body: sms.body });
      if (sms.statusCallback) form.set('StatusCallback', sms.statusCallback);
      let response: Response;
      try {
        response = await fetchImpl(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new SmsSendError(
          `SMS provider unreachable: ${String(error)}`,
          'the text service could not be reached',
          false,
        );
      }
      const answer = (await response.json().catch(() => ({}))) as {
        sid?: unknown;
        status?: unknown;
        code?: unknown;
        message?: unknown;
      };
      if (!response.ok || typeof answer.sid !== 'string') {
        const code =
          typeof answer.code === 'number' || typeof answer.code === 'string' ? answer.code : undefined;
        const permanent = code !== undefined ? isPermanentSmsError(code) : response.status === 400;
        const reason =
          code !== undefined
            ? describeSmsError(code)
            : response.status === 401 || response.status === 403
              ? 'the text service refused our credentials'
              : 'the text service refused it';
        throw new SmsSendError(
          `SMS provider answered ${response.status}: ${String(answer.message ?? '')}`,
          reason,
          permanent,
          code === undefined ? undefined : String(code),
        );
      }
      return { id: answer.sid, status: typeof answer.status === 'string' ? answer.status : 'queued' };
    },
  };
}

/**
 * The provider's request signature: HMAC-SHA1 with the auth token over the full address it called
 * followed by each form field's name and value, names sorted; base64.
 */
export function smsSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function isValidSmsSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(smsSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The words carriers and providers treat as opting out and back in (CTIA's list). */
export const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'PARAR']);
export const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);
