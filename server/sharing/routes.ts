import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database';
import { parseInput } from '../http/errors';
import { privacyView } from '../nudges/privacy-view';
import { requireClient } from '../portal-api/client-sessions';
import { changeSharing, type SharingChange } from './withdrawal-store';

const paramsSchema = z.strictObject({ agencyId: z.string().uuid('Agency ids are UUIDs.') });

/**
 * The client's own withdrawals of sharing, from the portal's privacy page. Whose record is the
 * session's alone: nothing in the request names a client, so no client can change another's.
 * Both answer the privacy page as it now is.
 */
export function registerSharingRoutes(app: FastifyInstance, db: Database): void {
  const change = (sharing: SharingChange) => async (request: FastifyRequest) => {
    const session = await requireClient(db, request);
    const { agencyId } = parseInput(paramsSchema, request.params, 'agency');
    await db.transaction((tx) => changeSharing(tx, session.clientId, agencyId, sharing));
    return privacyView(db, session.clientId);
  };
  app.put('/api/portal/privacy/withdrawals/:agencyId', change('withdrawn'));
  app.delete('/api/portal/privacy/withdrawals/:agencyId', change('restored'));
}
