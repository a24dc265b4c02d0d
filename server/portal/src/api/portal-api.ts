import type { NudgeMedium, NudgeSettingsInput, NudgeSettingsView } from '../../../../shared/domain/nudges';
import type { PrivacyView } from '../../../../shared/domain/privacy';
import { api } from './http';
import type {
  InviteInfo,
  PortalContact,
  PortalMessage,
  PortalRecord,
  PortalRequest,
  PortalThread,
  SessionAnswer,
  SignInAnswer,
} from './types';

/** The Customer Portal API, one function per endpoint the web app uses. */

export const signIn = (username: string, password: string) =>
  api<SignInAnswer>('/api/portal/auth/login', { method: 'POST', json: { username, password } });

export const signOut = () => api<{ status: string }>('/api/portal/auth/logout', { method: 'POST' });

/** While signed in: a 401 here means the session has ended (see api/http.ts). */
export const whoAmI = () => api<SignInAnswer>('/api/portal/me');

/** When the page opens: answered 200 whether or not anyone is signed in. */
export const currentSession = () => api<SessionAnswer>('/api/portal/session');

export const openInvite = (token: string) =>
  api<InviteInfo>(`/api/portal/invites/${encodeURIComponent(token)}`);

export const acceptInvite = (token: string, username: string, password: string) =>
  api<SignInAnswer>(`/api/portal/invites/${encodeURIComponent(token)}/accept`, {
    method: 'POST',
    json: { username, password },
  });

export const listThreads = () => api<{ threads: PortalThread[] }>('/api/portal/threads');

/** A conversation with its latest messages, or (`before`, an id) the page of messages before that one. */
export const openThread = (id: string, before?: string) =>
  api<{ thread: PortalThread; messages: PortalMessage[]; earlier: boolean }>(
    `/api/portal/threads/${encodeURIComponent(id)}${before ? `?before=${encodeURIComponent(before)}` : ''}`,
  );

/** Tells the agency the client had messages of a conversation on screen, up to message `upTo`. */
export const markSeen = (threadId: string, upTo: string) =>
  api<{ seen: number }>(`/api/portal/threads/${encodeURIComponent(threadId)}/seen`, {
    method: 'POST',
    json: { upTo },
  });

export const reply = (threadId: string, id: string, html: string) =>
  api<{ message: PortalMessage; thread: PortalThread }>(
    `/api/portal/threads/${encodeURIComponent(threadId)}/messages`,
    { method: 'POST', json: { id, html } },
  );

export const writeTo = (staffId: string, id: string, html: string) =>
  api<{ message: PortalMessage; thread: PortalThread }>('/api/portal/messages', {
    method: 'POST',
    json: { id, staffId, html },
  });

export const listContacts = () => api<{ contacts: PortalContact[] }>('/api/portal/contacts');

export const listRequests = () => api<{ requests: PortalRequest[] }>('/api/portal/requests');

export const openRequest = (id: string) =>
  api<{ request: PortalRequest }>(`/api/portal/requests/${encodeURIComponent(id)}`);

type Fulfilment = { request: PortalRequest; record: PortalRecord };

export const submitAssessment = (
  id: string,
  assessmentDate: string,
  answers: Record<string, string | number | boolean | null>,
) =>
  api<Fulfilment>(`/api/portal/requests/${encodeURIComponent(id)}/assessment`, {
    method: 'POST',
    json: { assessmentDate, answers },
  });

export const submitLocation = (
  id: string,
  location: {
    address: string | null;
    latitude: number | null;
    longitude: number | null;
    accuracy: number | null;
  },
) =>
  api<Fulfilment>(`/api/portal/requests/${encodeURIComponent(id)}/location`, {
    method: 'POST',
    json: location,
  });

export const signRoi = (id: string, signedName: string, signedDate: string) =>
  api<Fulfilment>(`/api/portal/requests/${encodeURIComponent(id)}/roi`, {
    method: 'POST',
    json: { signedName, signedDate },
  });

export const documentsUploadPath = (requestId: string) =>
  `/api/portal/requests/${encodeURIComponent(requestId)}/documents`;

export const ANYTIME_DOCUMENTS_PATH = '/api/portal/documents';

/** Where a file of one of the client's document records is downloaded from. */
export const recordFileUrl = (recordId: string, fileId: string) =>
  `/api/records/${encodeURIComponent(recordId)}/files/${encodeURIComponent(fileId)}`;

export const nudgeSettings = () => api<NudgeSettingsView>('/api/portal/nudges');

export const saveNudgeSettings = (input: NudgeSettingsInput) =>
  api<NudgeSettingsView>('/api/portal/nudges', { method: 'PUT', json: input });

export const sendNudgeCode = (channel: NudgeMedium) =>
  api<{ sentTo: string; expiresAt: string }>('/api/portal/nudges/code', {
    method: 'POST',
    json: { channel },
  });

export const verifyNudgeCode = (channel: NudgeMedium, code: string) =>
  api<NudgeSettingsView>('/api/portal/nudges/verify', { method: 'POST', json: { channel, code } });

export const privacy = () => api<PrivacyView>('/api/portal/privacy');

/** Stops (`withdraw`) or starts again sharing the client's record with one agency. */
export const changeSharing = (agencyId: string, withdraw: boolean) =>
  api<PrivacyView>(`/api/portal/privacy/withdrawals/${encodeURIComponent(agencyId)}`, {
    method: withdraw ? 'PUT' : 'DELETE',
  });

/** The token is the authority (no session): the link in a nudge email. */
export const unsubscribe = (token: string) =>
  api<{ status: string }>(`/api/nudges/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST' });
