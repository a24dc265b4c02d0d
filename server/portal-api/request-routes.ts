import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isValidIsoDate } from '../../shared/domain/dates';
import { signedNameMatches } from '../../shared/domain/names';
import type { RequestType } from '../../shared/domain/requests';
import { canRequestRoi, roiTerm } from '../../shared/domain/roi-rule';
import { NAMES } from '../../shared/text/names';
import { lockClient } from '../db/client-lock';
import type { Database, Queryable } from '../db/database';
import { HttpError, notFound, parseInput } from '../http/errors';
import { agencyToday } from '../requests/agency-calendar';
import { answerValueSchema, validateAnswers } from '../requests/assessment-answers';
import { clientRois, loadAssessmentDefinition, roiTermDaysOf } from '../requests/catalog-store';
import {
  fulfilRequest,
  NO_SUCH_REQUEST,
  type RequestToFulfil,
  recordForRequest,
} from '../requests/fulfilment';
import { insertRecord, type NewRecord } from '../requests/record-store';
import { type ClientSession, requireClient } from './client-sessions';
import { portalRecord } from './record-views';
import { listOpenPortalRequests, portalRequest } from './request-views';

export const requestParamsSchema = z.object({ id: z.string().uuid('Request ids are UUIDs.') });

const isoDate = (message: string) => z.string().trim().refine(isValidIsoDate, message);

const assessmentSchema = z.object({
  assessmentDate: isoDate('Enter the assessment date as YYYY-MM-DD.'),
  answers: z.record(z.string().max(100), answerValueSchema, 'Send the answers as an object.'),
});

const coordinate = (min: number, max: number, what: string) =>
  z
    .number(`The ${what} must be a number.`)
    .min(min, `The ${what} must be between ${min} and ${max}.`)
    .max(max, `The ${what} must be between ${min} and ${max}.`)
    .nullable()
    .optional();

const locationSchema = z
  .object({
    address: z.string().trim().max(500, 'The address is too long.').nullable().optional(),
    latitude: coordinate(-90, 90, 'latitude'),
    longitude: coordinate(-180, 180, 'longitude'),
    accuracy: coordinate(0, 1_000_000, 'accuracy'),
  })
  .superRefine((location, context) => {
    const hasLatitude = typeof location.latitude === 'number';
    const hasLongitude = typeof location.longitude === 'number';
    if (hasLatitude !== hasLongitude)
      context.addIssue({ code: 'custom', message: 'Send both the latitude and the longitude.' });
    else if (!hasLatitude && !location.address)
      context.addIssue({ code: 'custom', message: 'Enter an address or share your location.' });
  });

const roiSchema = z.object({
  signedName: z.string().trim().min(1, 'Type your full name to sign.').max(200, 'The name is too long.'),
  // The server dates the signature; a date sent with it is what the client saw, and must be that day.
  signedDate: isoDate('Enter the date you sign as YYYY-MM-DD.').optional(),
});

const clientName = (session: ClientSession) => `${session.firstName} ${session.lastName}`;

const ROI_ALREADY_SIGNED =
  'You already have a Release of Information in force, so this one cannot be signed. Your case manager can tell you more.';

/** Writes a fulfilment in one transaction; the request is locked and rechecked inside. */
export async function fulfil(
  db: Database,
  session: ClientSession,
  requestId: string,
  answer: RequestType,
  write: (tx: Queryable, request: RequestToFulfil) => Promise<string>,
): Promise<string> {
  return db.transaction(async (tx) => {
    // One at a time per client: one active ROI per client is checked and written here.
    await lockClient(tx, session.clientId);
    return fulfilRequest(
      tx,
      { clientId: session.clientId, name: clientName(session) },
      requestId,
      answer,
      (request) => write(tx, request),
    );
  });
}

/** The answer to a fulfilment: the request as it now stands and the record it created. */
export async function answerFulfilment(
  db: Queryable,
  reply: FastifyReply,
  session: ClientSession,
  requestId: string,
  recordId: string,
): Promise<FastifyReply> {
  const request = await portalRequest(db, session.clientId, requestId);
  const record = await portalRecord(db, session.clientId, recordId);
  if (!request || !record) throw notFound(NO_SUCH_REQUEST);
  return reply.status(201).send({ request, record });
}

const insertFor = (tx: Queryable, request: RequestToFulfil, record: Pick<NewRecord, 'title' | 'data'>) =>
  insertRecord(tx, recordForRequest(request, record));

/** Requests for the signed-in client: list them, open one, and fulfil it (documents: upload-routes.ts). */
export function registerPortalRequestRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/portal/requests', async (request) => {
    const session = await requireClient(db, request);
    return { requests: await listOpenPortalRequests(db, session.clientId) };
  });

  app.get('/api/portal/requests/:id', async (request) => {
    const session = await requireClient(db, request);
    const { id } = parseInput(requestParamsSchema, request.params, 'request id');
    const found = await portalRequest(db, session.clientId, id);
    if (!found) throw notFound(NO_SUCH_REQUEST);
    if (found.status === 'sent') {
      await db.query(
        `UPDATE portal_requests SET status = 'viewed', viewed_at = now() WHERE id = $1::uuid AND status = 'sent'`,
        [id],
      );
      return { request: await portalRequest(db, session.clientId, id) };
    }
    return { request: found };
  });

  app.post('/api/portal/requests/:id/assessment', async (request, reply) => {
    const session = await requireClient(db, request);
    const { id } = parseInput(requestParamsSchema, request.params, 'request id');
    const body = parseInput(assessmentSchema, request.body, 'assessment');
    const recordId = await fulfil(db, session, id, 'assessment', async (tx, open) => {
      const definition = open.assessment_definition_id
        ? await loadAssessmentDefinition(tx, open.assessment_definition_id)
        : undefined;
      if (!definition) throw notFound('The assessment of this request no longer exists.');
      const answers = validateAnswers(definition.fields, body.answers);
      return insertFor(tx, open, {
        title: definition.name,
        data: {
          definitionId: definition.id,
          definitionName: definition.name,
          assessmentDate: body.assessmentDate,
          fields: definition.fields,
          answers,
        },
      });
    });
    return answerFulfilment(db, reply, session, id, recordId);
  });

  app.post('/api/portal/requests/:id/location', async (request, reply) => {
    const session = await requireClient(db, request);
    const { id } = parseInput(requestParamsSchema, request.params, 'request id');
    const body = parseInput(locationSchema, request.body, 'location');
    const address = body.address ?? '';
    const latitude = body.latitude ?? null;
    const longitude = body.longitude ?? null;
    const title =
      address !== '' || latitude === null || longitude === null
        ? address
        : `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
    const recordId = await fulfil(db, session, id, 'location', (tx, open) =>
      insertFor(tx, open, {
        title,
        data: { address, latitude, longitude, accuracy: latitude === null ? null : (body.accuracy ?? null) },
      }),
    );
    return answerFulfilment(db, reply, session, id, recordId);
  });

  app.post('/api/portal/requests/:id/roi', async (request, reply) => {
    const session = await requireClient(db, request);
    const { id } = parseInput(requestParamsSchema, request.params, 'request id');
    const body = parseInput(roiSchema, request.body, 'signature');
    const recordId = await fulfil(db, session, id, 'roi', async (tx, open) => {
      const signedDate = await agencyToday(tx, open.agency_id);
      if (body.signedDate !== undefined && body.signedDate !== signedDate)
        throw new HttpError(
          400,
          'signed_date_not_today',
          `The date you sign must be today, ${signedDate}. Reload the page to see today’s dates, then sign again.`,
        );
      if (!signedNameMatches(body.signedName, session))
        throw new HttpError(
          400,
          'signed_name_mismatch',
          `Type your full name as your agency has it: ${clientName(session)}.`,
        );
      // One active ROI per client: checked again in the transaction that signs, after the change
      // lock fulfil took first, so two requests open at once can never both end in an active ROI.
      if (!canRequestRoi(await clientRois(tx, session.clientId), signedDate))
        throw new HttpError(409, 'active_roi', ROI_ALREADY_SIGNED);
      const term = roiTerm(signedDate, await roiTermDaysOf(tx, open.agency_id));
      return insertFor(tx, open, {
        title: NAMES.releaseOfInformation,
        data: { signedName: body.signedName, signedDate, ...term, active: true },
      });
    });
    return answerFulfilment(db, reply, session, id, recordId);
  });
}
