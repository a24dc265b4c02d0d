import { z } from 'zod';
import { massSendSchema } from '../../shared/bridge/contract';
import type { MassSendKind } from '../../shared/domain/mass-send';
import { OTHER_DOCUMENT_NAME, REQUEST_TYPE_LABELS, type RequestType } from '../../shared/domain/requests';
import { type Viewer, viewerParams } from '../authz/viewer';
import type { Queryable } from '../db/database';
import { staffMayReadAttachmentSql } from '../files/attachment-access';
import { badRequest, notFound, parseInput } from '../http/errors';
import { prepareMessageBody, referencedAttachmentIds } from '../messaging/body';
import { previewOf } from '../messaging/preview';
import { loadAssessmentDefinition, loadDocumentCategory } from '../requests/catalog-store';

const uuid = (what: string) => z.string().uuid(`The ${what} must be a UUID.`);

/** The most recipients one job may have: the desktop's schema allows as many. */
export const MAX_RECIPIENTS = 20_000;

/**
 * What the server needs beyond the page's own schema: the job id, and ids it looks up in SQL
 * (the shared schema only bounds their length; a malformed id must be a 400, not a failed cast).
 */
const envelopeSchema = z.object({
  id: uuid('mass send id'),
  clientIds: z
    .array(uuid('client id'))
    .min(1, 'Select at least one client.')
    .max(MAX_RECIPIENTS, `Send to at most ${MAX_RECIPIENTS.toLocaleString('en-US')} clients at once.`),
  assessmentDefinitionId: uuid('assessment id').optional(),
  documentCategoryId: uuid('document category id').optional(),
});

/**
 * Each recipient gets a stored copy of a mass message, so its size is multiplied by thousands.
 * The desktop uploads pictures (`/api/attachments/…`) rather than inlining them; a body this long
 * means pasted pictures, and 5,000 copies of it would fill the database.
 */
export const MAX_MASS_MESSAGE_HTML = 200_000;

/** A validated job, as the jobs table stores it. */
export interface JobPayload {
  id: string;
  kind: MassSendKind;
  private: boolean;
  description: string;
  /** Distinct recipients in the order staff saw them. */
  clientIds: string[];
  bodyHtml: string;
  bodyText: string;
  /** Pictures the message shows that its sender may show (as a single send records them). */
  attachmentIds: string[];
  assessmentDefinitionId: string | null;
  documentCategoryId: string | null;
  documentName: string;
}

type Input = z.output<typeof massSendSchema>;
type Target = Pick<
  JobPayload,
  'description' | 'assessmentDefinitionId' | 'documentCategoryId' | 'documentName'
>;

/*
 * The request checks repeat POST /api/requests' (server/requests/routes.ts), which keeps them
 * private to that module: the assessment or category must be the sender's agency's and in use.
 */
async function assessmentTarget(tx: Queryable, viewer: Viewer, id: string | undefined): Promise<Target> {
  const definition = id ? await loadAssessmentDefinition(tx, id) : undefined;
  if (!definition || definition.deleted || definition.agency_id !== viewer.agencyId)
    throw notFound('That assessment does not exist in your agency.');
  if (!definition.active || !definition.portal_enabled)
    throw badRequest('That assessment is not enabled to be requested through the Customer Portal.');
  return {
    description: definition.name,
    assessmentDefinitionId: definition.id,
    documentCategoryId: null,
    documentName: '',
  };
}

async function documentTarget(tx: Queryable, viewer: Viewer, input: Input): Promise<Target> {
  const category = input.documentCategoryId
    ? await loadDocumentCategory(tx, input.documentCategoryId)
    : undefined;
  if (!category || category.deleted || category.agency_id !== viewer.agencyId)
    throw notFound('That document category does not exist in your agency.');
  if (!category.active) throw badRequest('That document category is no longer in use.');
  const chosen = input.documentName ?? '';
  let name = chosen;
  if (chosen === OTHER_DOCUMENT_NAME) {
    name = input.otherName?.trim() ?? '';
    if (name === '') throw badRequest('Enter the Other Name.');
  } else if (!category.predefined_names.includes(chosen)) {
    throw badRequest(`“${chosen}” is not a predefined name of ${category.name}. Choose one, or Other.`);
  }
  return {
    description: `${category.name}: ${name}`,
    assessmentDefinitionId: null,
    documentCategoryId: category.id,
    documentName: name,
  };
}

const FIXED_DESCRIPTIONS: Record<Exclude<RequestType, 'assessment' | 'document'>, string> = {
  location: REQUEST_TYPE_LABELS.location,
  roi: REQUEST_TYPE_LABELS.roi,
};

async function requestTarget(tx: Queryable, viewer: Viewer, input: Input): Promise<Target> {
  if (input.kind === 'assessment') return assessmentTarget(tx, viewer, input.assessmentDefinitionId);
  if (input.kind === 'document') return documentTarget(tx, viewer, input);
  if (input.kind === 'message') throw new Error('a message has no request target');
  return {
    description: FIXED_DESCRIPTIONS[input.kind],
    assessmentDefinitionId: null,
    documentCategoryId: null,
    documentName: '',
  };
}

async function visibleAttachments(tx: Queryable, viewer: Viewer, html: string): Promise<string[]> {
  const referenced = referencedAttachmentIds(html);
  if (referenced.length === 0) return [];
  const result = await tx.query<{ id: string }>(
    `SELECT f.id::text AS id FROM files f WHERE f.id = ANY($4::uuid[]) AND ${staffMayReadAttachmentSql('f')}`,
    [...viewerParams(viewer), referenced],
  );
  return result.rows.map((row) => row.id);
}

/** The first line of a message, as job lists show it. */
function firstLine(text: string): string {
  return previewOf(text.split('\n').find((line) => line.trim() !== '') ?? '');
}

/**
 * Validates a POST /api/mass-sends body for its sender (4xx with a sentence when it is wrong) and
 * returns what the job stores. Recipients are not checked here: the worker decides for each one.
 */
export async function parseMassSend(tx: Queryable, viewer: Viewer, body: unknown): Promise<JobPayload> {
  const envelope = parseInput(envelopeSchema, body, 'mass send');
  const input = parseInput(massSendSchema, body, 'mass send');
  const clientIds = [...new Set(envelope.clientIds.map((id) => id.toLowerCase()))];
  const base = { id: envelope.id.toLowerCase(), kind: input.kind, private: input.private, clientIds };
  if (input.kind === 'message') {
    // Refused rather than ignored: privacy belongs to a conversation, and dropping the flag
    // would share a message its sender meant to keep within the agency.
    if (input.private)
      throw badRequest(
        'A message cannot be marked private: it is as private as the conversation it goes into.',
      );
    const prepared = prepareMessageBody(input.html ?? '');
    if (prepared.html.length > MAX_MASS_MESSAGE_HTML)
      throw badRequest(
        'This message is too long to send to many clients. Shorten it, or add images with the Image button instead of pasting them.',
      );
    return {
      ...base,
      description: firstLine(prepared.text),
      bodyHtml: prepared.html,
      bodyText: prepared.text,
      attachmentIds: await visibleAttachments(tx, viewer, prepared.html),
      assessmentDefinitionId: null,
      documentCategoryId: null,
      documentName: '',
    };
  }
  return {
    ...base,
    ...(await requestTarget(tx, viewer, input)),
    bodyHtml: '',
    bodyText: '',
    attachmentIds: [],
  };
}
