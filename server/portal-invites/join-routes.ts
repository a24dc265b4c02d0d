import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  COMMON_PASSWORD_RULE,
  normalizeUsername,
  PASSWORD_RULE,
  passwordProblem,
  USERNAME_RULE,
  usernameProblem,
} from '../../shared/domain/portal-account';
import { clientActor, recordAudit } from '../audit/audit-log';
import { isCommonPassword } from '../auth/common-passwords';
import { hashPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { HttpError, parseInput } from '../http/errors';
import { createClientSession } from '../portal-api/client-sessions';
import { setPortalCookie } from '../portal-api/session-cookie';
import { acceptInvite, INVITE_ERRORS, openInvite, USERNAME_TAKEN } from './join-store';

/** Tokens are 32 random bytes in base64url; anything else cannot be one, and gets the same 404. */
const tokenSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

const acceptSchema = z.object({
  username: z.string({ error: 'Choose a username.' }).max(200, USERNAME_RULE),
  password: z.string({ error: 'Choose a password.' }).max(1000, PASSWORD_RULE),
});

function inviteToken(request: FastifyRequest): string {
  const parsed = tokenSchema.safeParse(request.params);
  if (!parsed.success) throw INVITE_ERRORS.unknown;
  return parsed.data.token;
}

/** PostgreSQL's unique_violation: two people chose the same username at the same moment. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** The client opening an invitation link and joining the Customer Portal. */
export function registerPortalJoinRoutes(app: FastifyInstance, db: Database, sessionTtlMs: number): void {
  app.get('/api/portal/invites/:token', async (request) => {
    const invite = await openInvite(db, inviteToken(request));
    // Only the first name: whoever holds the link learns as little as possible about the client.
    return { firstName: invite.firstName, expiresAt: invite.expiresAt };
  });

  app.post('/api/portal/invites/:token/accept', async (request, reply) => {
    const token = inviteToken(request);
    // A dead link is the news that matters, before anything about the chosen name; and it is
    // known before the slow password hash.
    await openInvite(db, token);
    const body = parseInput(acceptSchema, request.body, 'account details');
    const username = normalizeUsername(body.username);
    // Codes of their own, so the portal can say the rule in the client's language.
    if (usernameProblem(username)) throw new HttpError(400, 'invalid_username', USERNAME_RULE);
    if (passwordProblem(body.password)) throw new HttpError(400, 'weak_password', PASSWORD_RULE);
    if (isCommonPassword(body.password)) throw new HttpError(400, 'common_password', COMMON_PASSWORD_RULE);
    const passwordHash = await hashPassword(body.password);
    const { accountId, invite } = await db
      .transaction((tx) => acceptInvite(tx, token, username, passwordHash))
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? USERNAME_TAKEN : error;
      });
    const session = await createClientSession(db, accountId, sessionTtlMs);
    await recordAudit(db, {
      actor: clientActor(invite.clientId),
      action: 'portal.join',
      subject: { kind: 'client_account', id: invite.clientId },
      clientId: invite.clientId,
      details: { username },
    });
    setPortalCookie(request, reply, session.token, session.expiresAt);
    return reply.status(201).send({
      token: session.token,
      client: { id: invite.clientId, firstName: invite.firstName, lastName: invite.lastName },
      expiresAt: session.expiresAt,
    });
  });
}
