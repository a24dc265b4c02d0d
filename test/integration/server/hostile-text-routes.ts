import { randomUUID } from 'node:crypto';

/*
 * A well-formed request for every route that takes text from its caller (path parameters, a
 * query, a JSON body or form fields). hostile-text.test.ts poisons each string of each one, in
 * turn, with a NUL character or a lone half of a surrogate pair. Routes that take no text at all
 * are listed in TAKES_NO_TEXT with why; a route in neither list fails the test, so a new route
 * cannot be forgotten.
 */

export type Who = 'casey' | 'alex' | 'sam' | 'marcus' | 'nobody';

/** Ids and secrets only known once the server runs. */
export interface TextWorld {
  marcusId: string;
  caseyId: string;
  priyaId: string;
  harborAgencyId: string;
  /** Casey's conversation with Marcus. */
  threadId: string;
  /** An open document request of Marcus's (uploads check it before reading the files). */
  openDocumentRequestId: string;
  /** A pending invitation's token (client 6). */
  inviteToken: string;
  /** One document of each replicated collection, as a pull gave it to Casey. */
  pulled: Record<string, Record<string, unknown>>;
}

export interface TextRequest {
  /** The route's key in the route table ("POST /api/messages"); its `:params` are filled from `params`. */
  route: string;
  who: Who;
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  /** Multipart form fields; one small file is always added. */
  form?: Record<string, string>;
  /** The answer to a poisoned path parameter when it is not 400 (a secret's address answers 404). */
  paramRefusal?: number;
}

const UUID = '5b6f2c1e-8d3a-4f4b-9a7e-2c1d0e9f8a7b';
const PASSWORD = 'Portico#2026';

/** Routes whose only input is who is asking (or bytes, for a picture). */
export const TAKES_NO_TEXT: Record<string, string> = {
  'GET /healthz': 'a health check',
  'GET /api/auth/me': 'the session only',
  'POST /api/auth/logout': 'the session only',
  'GET /api/auth/totp': 'the session only',
  'POST /api/auth/totp/setup': 'the session only',
  'GET /api/admin/users': 'the session only',
  'GET /api/me/settings': 'the session only',
  'GET /api/portal/nudges': 'the session only',
  'GET /api/portal/privacy': 'the session only',
  'GET /api/admin/portal-preferences': 'the session only',
  'POST /api/attachments': 'a picture’s bytes, checked by their first bytes',
  'GET /api/portal/threads': 'the session only',
  'GET /api/portal/contacts': 'the session only',
  'GET /api/portal/requests': 'the session only',
  'GET /api/portal/documents': 'the session only',
  'GET /api/portal/me': 'the session only',
  'GET /api/portal/session': 'the session cookie only (answers signed out without one)',
  'POST /api/portal/auth/logout': 'the session only',
  'GET /api/replication/stream': 'the session only',
  'GET /portal': 'a redirect',
  'GET /portal/*':
    'a file of the built portal, never stored (fuzz.test.ts sends it hostile paths, NUL included)',
};

export function textRequests(world: TextWorld): TextRequest[] {
  const { marcusId } = world;
  const assessmentFields = [{ key: 'q1', label: 'Housed?', type: 'select', options: ['Yes', 'No'] }];
  const pushes = Object.entries(world.pulled).map(
    ([collection, doc]): TextRequest => ({
      route: 'POST /api/replication/:collection/push',
      who: 'casey',
      params: { collection },
      json: { rows: [{ assumedMasterState: doc, newDocumentState: doc }] },
    }),
  );
  return [
    // Staff sign-in and account security.
    {
      route: 'POST /api/auth/login',
      who: 'nobody',
      json: { username: 'casey', password: PASSWORD, code: '123456' },
    },
    {
      route: 'POST /api/auth/password',
      who: 'casey',
      json: { currentPassword: PASSWORD, newPassword: 'Lantern#5931k' },
    },
    { route: 'POST /api/auth/totp/enable', who: 'casey', json: { password: PASSWORD, code: '123456' } },
    { route: 'POST /api/auth/totp/disable', who: 'casey', json: { password: PASSWORD, code: '123456' } },
    // Agency administration.
    {
      route: 'PATCH /api/admin/users/:id',
      who: 'alex',
      params: { id: world.priyaId },
      json: { active: true },
    },
    { route: 'POST /api/admin/users/:id/unlock', who: 'alex', params: { id: world.priyaId } },
    { route: 'POST /api/clients/:id/portal/unlock', who: 'alex', params: { id: marcusId } },
    {
      route: 'POST /api/admin/assessments',
      who: 'alex',
      json: { name: 'Intake', description: 'First visit', fields: assessmentFields },
    },
    {
      route: 'PATCH /api/admin/assessments/:id',
      who: 'alex',
      params: { id: UUID },
      json: { name: 'Intake', description: 'First visit', fields: assessmentFields },
    },
    {
      route: 'POST /api/admin/document-categories',
      who: 'alex',
      json: { name: 'Legal', predefinedNames: ['Lease', 'Court letter'] },
    },
    {
      route: 'PATCH /api/admin/document-categories/:id',
      who: 'alex',
      params: { id: UUID },
      json: { name: 'Legal', predefinedNames: ['Lease'] },
    },
    {
      route: 'PATCH /api/admin/agency-settings',
      who: 'sam',
      json: { roiTermDays: 365, timeZone: 'America/Chicago', agencyId: world.harborAgencyId },
    },
    // The audit log.
    {
      route: 'POST /api/audit/views',
      who: 'casey',
      json: { views: [{ clientId: marcusId, viewedAt: new Date().toISOString(), what: 'profile' }] },
    },
    {
      route: 'GET /api/admin/audit',
      who: 'alex',
      query: {
        clientId: marcusId,
        actorId: world.caseyId,
        action: 'auth.',
        from: '2024-01-01T00:00:00Z',
        to: '2030-01-01T00:00:00Z',
        limit: '10',
        before: '100000',
      },
    },
    // Files.
    { route: 'GET /api/attachments/:id', who: 'casey', params: { id: UUID } },
    { route: 'GET /api/files/:id', who: 'casey', params: { id: UUID } },
    {
      route: 'GET /api/records/:recordId/files/:fileId',
      who: 'casey',
      params: { recordId: UUID, fileId: UUID },
    },
    {
      route: 'POST /api/clients/:clientId/documents',
      who: 'casey',
      params: { clientId: marcusId },
      form: { categoryId: UUID, name: 'Lease', private: 'false' },
    },
    // Staff messages, settings, requests and mass sends.
    {
      route: 'POST /api/messages',
      who: 'casey',
      json: {
        id: randomUUID(),
        clientId: marcusId,
        threadId: world.threadId,
        html: '<p>Hello <b>there</b></p>',
      },
    },
    {
      route: 'PATCH /api/me/settings',
      who: 'casey',
      json: { allowClientContact: true, displayInPortal: true },
    },
    {
      route: 'POST /api/requests',
      who: 'casey',
      json: {
        id: randomUUID(),
        clientId: marcusId,
        type: 'document',
        private: false,
        documentCategoryId: UUID,
        documentName: 'Other',
        otherName: 'Lease',
      },
    },
    {
      route: 'POST /api/mass-sends',
      who: 'casey',
      json: {
        id: randomUUID(),
        kind: 'message',
        private: false,
        clientIds: [marcusId],
        html: '<p>Hi all</p>',
      },
    },
    {
      route: 'POST /api/mass-sends',
      who: 'casey',
      json: {
        id: randomUUID(),
        kind: 'document',
        private: false,
        clientIds: [marcusId],
        documentCategoryId: UUID,
        documentName: 'Other',
        otherName: 'Lease',
      },
    },
    { route: 'GET /api/mass-sends', who: 'casey', query: { limit: '10' } },
    { route: 'GET /api/mass-sends/:id', who: 'casey', params: { id: UUID } },
    {
      route: 'GET /api/mass-sends/:id/results',
      who: 'casey',
      params: { id: UUID },
      query: { offset: '0', limit: '10' },
    },
    // Portal connections and invitations.
    { route: 'GET /api/clients/:id/portal', who: 'casey', params: { id: marcusId } },
    { route: 'POST /api/clients/:id/portal/invite', who: 'casey', params: { id: marcusId } },
    { route: 'DELETE /api/clients/:id/portal/invite', who: 'casey', params: { id: marcusId } },
    { route: 'GET /api/clients/:id/portal/invite-link', who: 'casey', params: { id: marcusId } },
    { route: 'POST /api/clients/:id/portal/disconnect', who: 'casey', params: { id: marcusId } },
    {
      route: 'GET /api/portal/invites/:token',
      who: 'nobody',
      params: { token: world.inviteToken },
      paramRefusal: 404,
    },
    {
      route: 'POST /api/portal/invites/:token/accept',
      who: 'nobody',
      params: { token: world.inviteToken },
      json: { username: 'new.client', password: 'a long and unusual passphrase 2031' },
      paramRefusal: 404,
    },
    // Replication.
    {
      route: 'GET /api/replication/:collection/pull',
      who: 'casey',
      params: { collection: 'clients' },
      query: { seq: '0', id: marcusId, limit: '10' },
    },
    {
      route: 'GET /api/replication/:collection/checksum',
      who: 'casey',
      params: { collection: 'clients' },
      query: { txid: '0', seq: '0' },
    },
    ...pushes,
    // The Customer Portal.
    {
      route: 'POST /api/portal/auth/login',
      who: 'nobody',
      json: { username: 'marcus', password: 'Portal#2026' },
    },
    // An earlier page, before a message of no conversation: an empty page, and nothing marked read.
    {
      route: 'GET /api/portal/threads/:id',
      who: 'marcus',
      params: { id: world.threadId },
      query: { before: UUID },
    },
    // Seen up to a message of no conversation: nothing to mark.
    {
      route: 'POST /api/portal/threads/:id/seen',
      who: 'marcus',
      params: { id: world.threadId },
      json: { upTo: UUID },
    },
    // The home agency: refused (409) when well-formed, so the template itself changes nothing.
    {
      route: 'PUT /api/portal/privacy/withdrawals/:agencyId',
      who: 'marcus',
      params: { agencyId: world.harborAgencyId },
    },
    {
      route: 'DELETE /api/portal/privacy/withdrawals/:agencyId',
      who: 'marcus',
      params: { agencyId: world.harborAgencyId },
    },
    {
      route: 'POST /api/portal/threads/:id/messages',
      who: 'marcus',
      params: { id: world.threadId },
      json: { id: randomUUID(), html: '<p>Thank you</p>' },
    },
    {
      route: 'POST /api/portal/messages',
      who: 'marcus',
      json: { id: randomUUID(), staffId: world.caseyId, html: '<p>Hello</p>' },
    },
    { route: 'GET /api/portal/requests/:id', who: 'marcus', params: { id: world.openDocumentRequestId } },
    {
      route: 'POST /api/portal/requests/:id/assessment',
      who: 'marcus',
      params: { id: UUID },
      json: { assessmentDate: '2026-01-01', answers: { q1: 'Yes', notes: 'Sleeping in my car' } },
    },
    {
      route: 'POST /api/portal/requests/:id/location',
      who: 'marcus',
      params: { id: UUID },
      json: { address: '100 Main Street, Springfield', latitude: 40.1, longitude: -70.2, accuracy: 12 },
    },
    {
      route: 'POST /api/portal/requests/:id/roi',
      who: 'marcus',
      params: { id: UUID },
      json: { signedName: 'Marcus Johnson', signedDate: '2026-01-01' },
    },
    {
      route: 'POST /api/portal/requests/:id/documents',
      who: 'marcus',
      params: { id: world.openDocumentRequestId },
      form: {},
    },
    { route: 'POST /api/portal/documents', who: 'marcus', form: { name: 'Birth certificate' } },
    // Nudges (email and text) and agency portal preferences.
    {
      route: 'PUT /api/portal/nudges',
      who: 'marcus',
      json: {
        channel: 'none',
        email: 'marcus@example.org',
        phone: '(503) 555-0142',
        showDetails: false,
        quietHours: { start: '21:00', end: '08:00' },
      },
    },
    { route: 'POST /api/portal/nudges/code', who: 'marcus', json: { channel: 'email' } },
    { route: 'POST /api/portal/nudges/verify', who: 'marcus', json: { channel: 'email', code: '123456' } },
    { route: 'GET /api/clients/:id/nudges', who: 'casey', params: { id: marcusId } },
    {
      route: 'PUT /api/clients/:id/nudges',
      who: 'casey',
      params: { id: marcusId },
      json: {
        channel: 'none',
        email: 'marcus@example.org',
        phone: '+15035550142',
        showDetails: false,
        quietHours: null,
        consent: true,
      },
    },
    {
      route: 'POST /api/clients/:id/nudges/code',
      who: 'casey',
      params: { id: marcusId },
      json: { channel: 'sms' },
    },
    {
      route: 'POST /api/clients/:id/nudges/verify',
      who: 'casey',
      params: { id: marcusId },
      json: { channel: 'sms', code: '123456' },
    },
    {
      route: 'PATCH /api/admin/portal-preferences',
      who: 'alex',
      json: { quietHours: { start: '21:00', end: '08:00' }, showStaffNames: false },
    },
    {
      route: 'POST /api/nudges/unsubscribe/:token',
      who: 'nobody',
      params: { token: 'AAAAAAAAAAAAAAAAAAAAAAAA' },
      paramRefusal: 400,
    },
    {
      route: 'POST /api/nudges/sms/status',
      who: 'nobody',
      json: { MessageSid: 'SM0001', MessageStatus: 'delivered', ErrorCode: '' },
    },
    { route: 'POST /api/nudges/sms/inbound', who: 'nobody', json: { From: '+15035550142', Body: 'STOP' } },
  ];
}
