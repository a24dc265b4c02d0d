import { z } from 'zod';
import type { AuditPage } from '../domain/audit';
import { isValidIsoDate } from '../domain/dates';
import {
  MASS_SEND_KINDS,
  type MassSendJobView,
  type MassSendResult,
  type RecipientPreview,
} from '../domain/mass-send';
import type {
  DraftView,
  InboxCounts,
  InboxEntry,
  NavigationTarget,
  OutboxEntry,
  StaffSettings,
  ThreadView,
} from '../domain/messaging';
import type { AppNotice } from '../domain/notices';
import { type AgencyPortalPreferences, NUDGE_CHANNELS, type NudgeSettingsView } from '../domain/nudges';
import type { PortalConnection, PortalInviteLink } from '../domain/portal-connection';
import {
  OTHER_DOCUMENT_NAME,
  RECORD_KINDS,
  REQUEST_TYPES,
  type RecordSummary,
  type RequestOptions,
  type RequestSummary,
  type StaffNotificationView,
} from '../domain/requests';
import type { SessionInfo } from '../domain/session';
import type { ClientProfile, ClientSummary, SyncStatus } from '../domain/views';
import type { ClientDoc } from '../replication/documents';
import { richTextDocumentSchema } from '../rich-text/schema';
import type { BridgeChannel, BridgeEventName } from './channels';

/*
 * The one contract between the renderer and the desktop's services. Each channel maps to the
 * zod schema of its argument (main validates every call with it) and the type of its result.
 * Adding a method: add its name to channels.ts, an entry here, and a handler in main's
 * handler map; preload, the browser host and the renderer's client follow from these types.
 */

/** Pairs an argument schema with a result type that exists only for the compiler. */
function method<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result });
}

const noArgs = z.undefined();
const id = z.string().min(1).max(64);
const isoDate = z.string().refine(isValidIsoDate, 'Enter the date as YYYY-MM-DD.');

export const clientPatchSchema = z
  .object({
    firstName: z.string().trim().min(1, 'First name is required.').max(100),
    lastName: z.string().trim().min(1, 'Last name is required.').max(100),
    dateOfBirth: isoDate,
    phone: z.string().trim().max(40),
    email: z.union([
      z.literal(''),
      z.string().trim().email('Enter a valid email address or leave it empty.').max(200),
    ]),
    shared: z.boolean(),
  })
  .partial()
  .strict();

export type ClientPatch = z.infer<typeof clientPatchSchema>;

/** A message body as HTML; main sanitizes it again and the server once more. 2MB leaves room for a few inline images. */
const messageHtml = z
  .string()
  .max(2_000_000, 'This message is too long to send. Remove some images or text.')
  .refine(
    (html) => html.replace(/<[^>]*>/g, '').trim() !== '' || /<img\s/i.test(html),
    'Write a message before sending.',
  );
const draftKey = z.string().regex(/^(new|reply):[0-9a-f-]{36}$/i, 'Unknown draft.');

export const staffSettingsPatchSchema = z
  .object({
    allowClientContact: z.boolean(),
    displayInPortal: z.boolean(),
    osNotifications: z.boolean(),
    idleLockMinutes: z
      .number()
      .int()
      .min(1, 'Lock after at least 1 minute.')
      .max(120, 'Lock after at most 120 minutes.'),
  })
  .partial()
  .strict();

/**
 * An ROI has no Private toggle in the reference product: the client signs it so that agencies may
 * share, and only one may be in force, so every agency has to be able to see it. Refused rather
 * than shared against the sender's wish.
 */
const ROI_NEVER_PRIVATE =
  'A Release of Information request cannot be private: the client signs it so that agencies may share their information.';

/** SEND REQUEST TO THE CUSTOMER PORTAL, as the dialog submits it; the server checks it all again. */
export const sendRequestSchema = z
  .object({
    clientId: id,
    type: z.enum(REQUEST_TYPES),
    private: z.boolean(),
    assessmentDefinitionId: id.optional(),
    documentCategoryId: id.optional(),
    documentName: z.string().trim().max(200).optional(),
    otherName: z.string().trim().max(200).optional(),
    /** The day it is due by, in the agency's calendar; the server checks it against today and expiry. */
    dueDate: isoDate.optional(),
  })
  .superRefine((request, context) => {
    if (request.type === 'roi' && request.private) {
      context.addIssue({ code: 'custom', path: ['private'], message: ROI_NEVER_PRIVATE });
    }
    if (request.type === 'assessment' && !request.assessmentDefinitionId) {
      context.addIssue({
        code: 'custom',
        path: ['assessmentDefinitionId'],
        message: 'Select an assessment.',
      });
    }
    if (request.type === 'document') {
      if (!request.documentCategoryId) {
        context.addIssue({ code: 'custom', path: ['documentCategoryId'], message: 'Select a category.' });
      }
      if (!request.documentName) {
        context.addIssue({ code: 'custom', path: ['documentName'], message: 'Select a predefined name.' });
      } else if (request.documentName === OTHER_DOCUMENT_NAME && !request.otherName) {
        context.addIssue({ code: 'custom', path: ['otherName'], message: 'Enter the Other Name.' });
      }
    }
  });

export type SendRequestInput = z.infer<typeof sendRequestSchema>;

/** One message or request to many clients; the server re-checks every recipient. */
export const massSendSchema = z
  .object({
    kind: z.enum(MASS_SEND_KINDS),
    clientIds: z.array(id).min(1, 'Select at least one client.').max(20_000),
    html: z.string().max(2_000_000).optional(),
    private: z.boolean(),
    assessmentDefinitionId: id.optional(),
    documentCategoryId: id.optional(),
    documentName: z.string().trim().max(200).optional(),
    otherName: z.string().trim().max(200).optional(),
  })
  .superRefine((job, context) => {
    if (
      job.kind === 'message' &&
      !job.html?.replace(/<[^>]*>/g, '').trim() &&
      !/<img\s/i.test(job.html ?? '')
    ) {
      context.addIssue({ code: 'custom', path: ['html'], message: 'Write a message before sending.' });
    }
    if (job.kind === 'roi' && job.private) {
      context.addIssue({ code: 'custom', path: ['private'], message: ROI_NEVER_PRIVATE });
    }
    if (job.kind === 'assessment' && !job.assessmentDefinitionId) {
      context.addIssue({
        code: 'custom',
        path: ['assessmentDefinitionId'],
        message: 'Select an assessment.',
      });
    }
    if (job.kind === 'document') {
      if (!job.documentCategoryId) {
        context.addIssue({ code: 'custom', path: ['documentCategoryId'], message: 'Select a category.' });
      }
      if (!job.documentName) {
        context.addIssue({ code: 'custom', path: ['documentName'], message: 'Select a predefined name.' });
      } else if (job.documentName === OTHER_DOCUMENT_NAME && !job.otherName) {
        context.addIssue({ code: 'custom', path: ['otherName'], message: 'Enter the Other Name.' });
      }
    }
  });

export type MassSendInput = z.infer<typeof massSendSchema>;

export const bridgeContract = {
  'app:info': method<{ version: string; host: 'electron' | 'browser'; serverUrl: string }>()(noArgs),
  /** What the desktop did on its own that the staff member should know (e.g. a damaged cache replaced). */
  'notices:list': method<AppNotice[]>()(noArgs),
  'notices:dismiss': method<null>()(z.object({ id })),
  'session:get': method<SessionInfo | null>()(noArgs),
  'session:signIn': method<SessionInfo>()(
    z.object({
      username: z.string().trim().min(1, 'Enter your username.').max(100),
      password: z.string().min(1, 'Enter your password.').max(200),
    }),
  ),
  /**
   * Signing out wipes this computer's copy of the agency's records. With changes or messages not
   * yet synced it refuses (code conflict, saying how many) unless `force` confirms the loss.
   */
  'session:signOut': method<null>()(z.object({ force: z.boolean() }).partial().optional()),
  'session:lockState': method<LockState>()(noArgs),
  /** The person is at the keyboard (the renderer reports input, at most about once a minute). */
  'session:activity': method<null>()(noArgs),
  'session:unlock': method<null>()(
    z.object({ password: z.string().min(1, 'Enter your password.').max(200) }),
  ),
  'sync:status': method<SyncStatus>()(noArgs),
  'sync:now': method<null>()(noArgs),
  'clients:search': method<ClientSummary[]>()(
    z.object({
      query: z.string().max(200),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  /** How many clients in this desktop's cache match a search (all of them for an empty query). */
  'clients:count': method<number>()(z.object({ query: z.string().max(200) })),
  'clients:get': method<ClientProfile | null>()(z.object({ id })),
  'clients:update': method<ClientDoc>()(z.object({ id, patch: clientPatchSchema })),
  'files:photo': method<{ dataUrl: string } | null>()(z.object({ fileId: id })),
  /** A message image (an `/api/attachments/<id>` URL) as a data URL this page may show. */
  'files:attachment': method<{ dataUrl: string } | null>()(z.object({ url: z.string().max(200) })),
  /**
   * Uploads a picture for a message from a file on this computer: its size is checked before it is
   * read (at most 25MB). `path` comes from the platform seam (Electron's file path, or the browser
   * host's staging folder).
   */
  'attachments:addImage': method<{ url: string }>()(z.object({ path: z.string().min(1).max(4096) })),
  'inbox:list': method<InboxEntry[]>()(
    z.object({ box: z.enum(['unread', 'read']), limit: z.number().int().min(1).max(500).default(100) }),
  ),
  /** The Inbox badge and its tabs' counts, each unread item counted once (see InboxCounts). */
  'inbox:counts': method<InboxCounts>()(noArgs),
  'inbox:mark': method<null>()(z.object({ threadIds: z.array(id).min(1).max(500), read: z.boolean() })),
  'threads:get': method<ThreadView | null>()(z.object({ threadId: id })),
  'threads:forClient': method<InboxEntry[]>()(z.object({ clientId: id })),
  /** Queues a message in the outbox; it is sent at once when online, exactly once, and kept until then. */
  'messages:send': method<OutboxEntry>()(
    z.object({ clientId: id, threadId: id.nullable(), html: messageHtml }),
  ),
  'outbox:list': method<OutboxEntry[]>()(noArgs),
  'outbox:retry': method<null>()(z.object({ id })),
  'outbox:discard': method<null>()(z.object({ id })),
  'drafts:get': method<DraftView | null>()(z.object({ key: draftKey })),
  'drafts:save': method<null>()(
    z.object({ key: draftKey, clientId: id, threadId: id.nullable(), content: richTextDocumentSchema }),
  ),
  'drafts:discard': method<null>()(z.object({ key: draftKey })),
  'settings:get': method<StaffSettings>()(noArgs),
  'settings:update': method<StaffSettings>()(staffSettingsPatchSchema),
  'requests:forClient': method<RequestSummary[]>()(z.object({ clientId: id })),
  'requests:options': method<RequestOptions>()(z.object({ clientId: id })),
  /**
   * Queues a request in the outbox. A Release of Information request the ROI rule forbids is
   * refused at once with the reference product's pop-up text.
   */
  'requests:send': method<RequestSummary>()(sendRequestSchema),
  'requests:cancel': method<null>()(z.object({ requestId: id })),
  'records:forClient': method<RecordSummary[]>()(z.object({ clientId: id, kind: z.enum(RECORD_KINDS) })),
  /**
   * Opens (or saves) a file of a document record. In the browser host, `browserUrl` is where a new
   * tab shows it (open) or where the page downloads it (save), since a browser page cannot be
   * handed a file on disk; null in Electron, where the OS opens it or a save dialog keeps it. A
   * file Open will not show (a program; in a browser, anything but PDF, pictures and text) is
   * refused with words saying why.
   */
  'records:openFile': method<{ fileName: string; browserUrl: string | null }>()(
    z.object({ recordId: id, fileId: id, action: z.enum(['open', 'save']) }),
  ),
  /** Staff add a document to a client's record from files on this computer (sizes checked before reading). */
  'records:addDocument': method<RecordSummary>()(
    z.object({
      clientId: id,
      categoryId: id,
      name: z.string().trim().min(1, 'Enter a name for the document.').max(200),
      private: z.boolean(),
      paths: z.array(z.string().min(1).max(4096)).min(1, 'Choose at least one file.').max(20),
    }),
  ),
  'notifications:list': method<StaffNotificationView[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }),
  ),
  'notifications:mark': method<null>()(z.object({ ids: z.array(id).min(1).max(500), read: z.boolean() })),
  /** The client's Customer Portal connection; these four need the server (no offline answer). */
  'portal:status': method<PortalConnection>()(z.object({ clientId: id })),
  /** Sends the invite, or sends it again with a new link (the old one stops working). */
  'portal:invite': method<PortalConnection>()(z.object({ clientId: id })),
  /** The pending invitation's link again, to copy it; the server logs who asked. */
  'portal:inviteLink': method<PortalInviteLink>()(z.object({ clientId: id })),
  'portal:cancelInvite': method<PortalConnection>()(z.object({ clientId: id })),
  'portal:disconnect': method<PortalConnection>()(z.object({ clientId: id })),
  /** How the client is nudged of new messages (email, text); online only, like the portal's. */
  'nudges:get': method<NudgeSettingsView>()(z.object({ clientId: id })),
  /** Staff set it only with the client's consent, which the form makes them confirm. */
  'nudges:save': method<NudgeSettingsView>()(
    z.object({
      clientId: id,
      consent: z.literal(true),
      settings: z.object({
        channel: z.enum(NUDGE_CHANNELS),
        email: z.string().max(254),
        phone: z.string().max(24),
        showDetails: z.boolean(),
        quietHours: z.object({ start: z.string().max(5), end: z.string().max(5) }).nullable(),
      }),
    }),
  ),
  'nudges:sendCode': method<{ sentTo: string; expiresAt: string }>()(
    z.object({ clientId: id, channel: z.enum(['email', 'sms']) }),
  ),
  'nudges:verify': method<NudgeSettingsView>()(
    z.object({ clientId: id, channel: z.enum(['email', 'sms']), code: z.string().max(12) }),
  ),
  /** The agency's portal preferences (quiet hours, staff names on the privacy page): admins, online only. */
  'agency:portalPreferences': method<AgencyPortalPreferences>()(noArgs),
  'agency:savePortalPreferences': method<AgencyPortalPreferences>()(
    z.object({
      quietHours: z.object({ start: z.string().max(5), end: z.string().max(5) }),
      showStaffNames: z.boolean(),
    }),
  ),
  /** The agency's audit log, newest first, for agency and system admins (online only). */
  'audit:list': method<AuditPage>()(
    z.object({
      clientId: id.optional(),
      action: z
        .string()
        .regex(/^[a-z_]+(\.[a-z_]*)?$/, 'Choose an action from the list.')
        .optional(),
      before: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  /** The signed-in staff member's agency's programs, for the recipients picker. */
  'massSend:programs': method<{ id: string; name: string }[]>()(noArgs),
  /** Clients of the chosen programs with a connected portal account, from the cache (works offline). */
  'massSend:recipients': method<RecipientPreview[]>()(
    z.object({
      programIds: z.array(id).max(200),
      allPrograms: z.boolean(),
      withoutEnrollment: z.boolean(),
      enrollmentStatus: z.enum(['active', 'inactive']),
    }),
  ),
  /** Queues one mass send (a job the server fans out); offline it waits in the outbox. */
  'massSend:start': method<MassSendJobView>()(massSendSchema),
  'massSend:jobs': method<MassSendJobView[]>()(noArgs),
  'massSend:results': method<MassSendResult[]>()(z.object({ jobId: id })),
  'shell:openExternal': method<null>()(z.object({ url: z.string().max(2048) })),
} satisfies { [K in BridgeChannel]: { args: z.ZodType; result: unknown } };

export type BridgeContract = typeof bridgeContract;
export type ArgsOf<K extends BridgeChannel> = z.input<BridgeContract[K]['args']>;
export type ParsedArgsOf<K extends BridgeChannel> = z.output<BridgeContract[K]['args']>;
export type ResultOf<K extends BridgeChannel> = BridgeContract[K]['result'];

/** The idle lock: after `idleMinutes` without input the app locks until the password is entered again. */
export interface LockState {
  locked: boolean;
  idleMinutes: number;
}

export interface BridgeEvents {
  'sync:status': SyncStatus;
  'session:changed': SessionInfo | null;
  'session:lock': LockState;
  /** Cache collections that changed, so open views read again. */
  'data:changed': { collections: string[] };
  /** The person clicked an OS notification: show what it was about. */
  'app:navigate': NavigationTarget;
  /** The notices not yet dismissed, whenever one is added or dismissed. */
  'notices:changed': AppNotice[];
}

export type EventPayload<E extends BridgeEventName> = BridgeEvents[E];
