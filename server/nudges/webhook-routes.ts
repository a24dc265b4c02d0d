import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { E164 } from '../../shared/domain/nudges';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import type { Database } from '../db/database';
import { HttpError, notFound, parseInput } from '../http/errors';
import type { NudgeServices } from './services';
import {
  describeSmsError,
  isPermanentSmsError,
  isValidSmsSignature,
  OPTED_OUT_CODE,
  START_WORDS,
  STOP_WORDS,
} from './sms-sender';
import { markSmsStopped, recordFailure, unsubscribeHash } from './worker';

const FORM_BODY_LIMIT = 16 * 1024;

const tokenSchema = z.object({
  token: z
    .string()
    .max(64, 'This unsubscribe link is not valid.')
    .regex(/^[A-Za-z0-9_-]{16,64}$/, 'This unsubscribe link is not valid.'),
});

/** What the provider POSTs about a message; other fields it sends are signed but not read. */
const statusSchema = z.looseObject({
  MessageSid: z
    .string()
    .max(64, 'MessageSid is at most 64 characters.')
    .regex(/^[A-Za-z0-9]+$/, 'MessageSid is letters and digits.'),
  MessageStatus: z
    .string()
    .max(32, 'MessageStatus is at most 32 characters.')
    .regex(/^[a-z_]+$/, 'MessageStatus is a status name.'),
  ErrorCode: z
    .string()
    .max(10, 'ErrorCode is at most 10 characters.')
    .regex(/^\d*$/, 'ErrorCode is a number.')
    .optional(),
});

const inboundSchema = z.looseObject({
  From: z.string().max(32, 'From is at most 32 characters.'),
  Body: z.string().max(1600, 'Body is at most 1600 characters.'),
});

const NOT_SIGNED = new HttpError(403, 'bad_signature', 'This request is not signed by the text service.');
const SYSTEM: AuditActor = { kind: 'system' };

/**
 * What reaches the server from outside a session: the unsubscribe link of a nudge email (its token
 * is the authority, RFC 8058 one-click POST included), and the SMS provider's delivery reports and
 * inbound texts, each checked against the provider's signature with our auth token.
 */
export function registerNudgeWebhookRoutes(
  app: FastifyInstance,
  db: Database,
  services: NudgeServices,
): void {
  void app.register(async (scope) => {
    // Mail clients and the SMS provider post forms; only these routes read them.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    scope.post('/api/nudges/unsubscribe/:token', async (request) => {
      const { token } = parseInput(tokenSchema, request.params, 'unsubscribe link');
      const stopped = await db.transaction(async (tx) => {
        const found = await tx.query<{ client_id: string }>(
          `SELECT client_id::text AS client_id FROM nudges WHERE unsubscribe_hash = $1`,
          [unsubscribeHash(token)],
        );
        const clientId = found.rows[0]?.client_id;
        if (!clientId) return undefined;
        const changed = await tx.query(
          `UPDATE client_nudge_settings SET email_stopped_at = now(), updated_at = now()
            WHERE client_id = $1::uuid AND email_stopped_at IS NULL`,
          [clientId],
        );
        await tx.query(
          `UPDATE nudges SET status = 'cancelled', updated_at = now()
            WHERE client_id = $1::uuid AND channel = 'email' AND status = 'pending'`,
          [clientId],
        );
        if (changed.rowCount > 0)
          await recordAudit(tx, {
            actor: SYSTEM,
            action: 'nudge.stop',
            subject: { kind: 'nudge_settings', id: clientId },
            clientId,
            details: { channel: 'email', how: 'unsubscribe link' },
          });
        return clientId;
      });
      if (!stopped)
        throw notFound('This unsubscribe link is not valid. Change your notices in the portal’s settings.');
      return { status: 'unsubscribed' };
    });

    scope.post('/api/nudges/sms/status', async (request) => {
      const params = signedForm(request, services, '/api/nudges/sms/status');
      const report = parseInput(statusSchema, params, 'status report');
      const nudge = await db.query<{ id: string; status: string; destination: string }>(
        `UPDATE nudges SET provider_status = $2, updated_at = now(),
                status = CASE WHEN $2 = 'delivered' THEN 'delivered' ELSE status END
          WHERE provider_id = $1 AND channel = 'sms' RETURNING id::text AS id, status, destination`,
        [report.MessageSid, report.MessageStatus],
      );
      const row = nudge.rows[0];
      if (row && (report.MessageStatus === 'failed' || report.MessageStatus === 'undelivered'))
        await recordFailure(
          db,
          row.id,
          describeSmsError(report.ErrorCode),
          isPermanentSmsError(report.ErrorCode),
          services.clock(),
        );
      if (row && report.ErrorCode === OPTED_OUT_CODE) await markSmsStopped(db, row.destination);
      return { status: 'recorded' };
    });

    scope.post('/api/nudges/sms/inbound', async (request, reply) => {
      const params = signedForm(request, services, '/api/nudges/sms/inbound');
      const text = parseInput(inboundSchema, params, 'inbound text');
      const word = text.Body.trim().toUpperCase();
      const stop = STOP_WORDS.has(word);
      const start = START_WORDS.has(word);
      if (E164.test(text.From) && (stop || start)) {
        await db.transaction(async (tx) => {
          const changed = await tx.query<{ client_id: string }>(
            stop
              ? `UPDATE client_nudge_settings SET sms_stopped_at = now(), updated_at = now()
                  WHERE phone = $1 AND sms_stopped_at IS NULL RETURNING client_id::text AS client_id`
              : `UPDATE client_nudge_settings SET sms_stopped_at = NULL, updated_at = now()
                  WHERE phone = $1 AND sms_stopped_at IS NOT NULL RETURNING client_id::text AS client_id`,
            [text.From],
          );
          for (const { client_id: clientId } of changed.rows) {
            if (stop)
              await tx.query(
                `UPDATE nudges SET status = 'cancelled', updated_at = now()
                  WHERE client_id = $1::uuid AND channel = 'sms' AND status = 'pending'`,
                [clientId],
              );
            await recordAudit(tx, {
              actor: SYSTEM,
              action: 'nudge.stop',
              subject: { kind: 'nudge_settings', id: clientId },
              clientId,
              details: { channel: 'sms', how: stop ? 'replied STOP' : 'replied START' },
            });
          }
        });
      }
      // An empty TwiML answer: the provider sends its own STOP confirmation, as carriers require.
      return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    });
  });
}

const formSchema = z.record(
  z.string().max(64, 'A field name is at most 64 characters.'),
  z.string().max(2000, 'A field is at most 2000 characters.'),
  { message: 'The request body is a form of text fields.' },
);

/**
 * The form the provider posted, once its signature over our public address and the form is right.
 * Text that cannot be stored is refused first (400, as on every route), then the signature (403).
 */
function signedForm(request: FastifyRequest, services: NudgeServices, path: string): Record<string, string> {
  const params = parseInput(formSchema, request.body ?? {}, 'form');
  if (!services.smsAuthToken) throw new HttpError(404, 'not_found', 'Texts are off on this server.');
  const signature = request.headers['x-twilio-signature'];
  if (
    !isValidSmsSignature(
      services.smsAuthToken,
      `${services.publicUrl()}${path}`,
      params,
      typeof signature === 'string' ? signature : undefined,
    )
  )
    throw NOT_SIGNED;
  return params;
}
