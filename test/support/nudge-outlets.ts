import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { smsSignature } from '../../server/nudges/sms-sender';

/** A mail as the SMTP test server received it. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  headers: Map<string, unknown>;
}

export interface MailOutlet {
  url: string;
  mails: ReceivedMail[];
  /** Answers the next N deliveries with a 451 (try later), to exercise retries. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) in the test process, keeping every mail it accepts. */
export async function startMailOutlet(): Promise<MailOutlet> {
  const mails: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (refusals > 0) {
            refusals -= 1;
            const error = new Error('Try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          mails.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            headers: mail.headers,
          });
          callback();
        })
        .catch(callback);
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refuseNext(count) {
      refusals = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A text the fake provider accepted. */
export interface ProviderSms {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | undefined;
  authorization: string | undefined;
}

export interface SmsOutlet {
  /** Base URL, as SMS_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  texts: ProviderSms[];
  /** Numbers the provider refuses at once with this error code (e.g. 21211: not a valid number). */
  refuse: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A local HTTP server in the shape of the Twilio-compatible API: POST
 * /Accounts/{sid}/Messages.json with a form and HTTP Basic; JSON answers.
 */
export async function startSmsOutlet(): Promise<SmsOutlet> {
  const accountSid = 'AC00000000000000000000000000000001';
  const authToken = 'test-auth-token-0123456789';
  const texts: ProviderSms[] = [];
  const refuse = new Map<string, number>();
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const answer = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
        return answer(404, { code: 20404, message: 'Not found', status: 404 });
      if (request.headers.authorization !== expectedAuth)
        return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
      const form = new URLSearchParams(body);
      const to = form.get('To') ?? '';
      const code = refuse.get(to);
      if (code !== undefined) return answer(400, { code, message: 'Refused', status: 400 });
      const sid = `SM${String(texts.length + 1).padStart(32, '0')}`;
      texts.push({
        sid,
        to,
        from: form.get('From') ?? '',
        body: form.get('Body') ?? '',
        statusCallback: form.get('StatusCallback') ?? undefined,
        authorization: request.headers.authorization,
      });
      return answer(201, { sid, status: 'queued', to, body: form.get('Body') });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/2010-04-01`,
    accountSid,
    authToken,
    texts,
    refuse,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Posts a form to the server as the provider does: signed with the auth token over the full address. */
export async function postAsProvider(
  url: string,
  authToken: string,
  params: Record<string, string>,
  signature?: string,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature ?? smsSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}
