import { openAsBlob } from 'node:fs';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { BridgeError, type BridgeErrorCode } from '../../../shared/bridge/envelope';
import type { AuditPage } from '../../../shared/domain/audit';
import type { MassSendJobView, MassSendResult } from '../../../shared/domain/mass-send';
import type {
  AgencyPortalPreferences,
  NudgeMedium,
  NudgeSettingsInput,
  NudgeSettingsView,
} from '../../../shared/domain/nudges';
import type { PortalConnection, PortalInviteLink } from '../../../shared/domain/portal-connection';
import type { SessionUser } from '../../../shared/domain/session';
import type {
  MessageDoc,
  RecordDoc,
  ReplicatedCollection,
  ReplicationCheckpoint,
  RequestDoc,
  ThreadDoc,
} from '../../../shared/replication/documents';
import type {
  ChecksumResponse,
  PullResponse,
  PushResponse,
  PushRow,
} from '../../../shared/replication/protocol';

export const OFFLINE_MESSAGE =
  'Can’t reach the agency server. Check your connection; your work is kept on this computer and syncs when you’re back online.';

const STATUS_CODES: Record<number, BridgeErrorCode> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid_input',
  415: 'invalid_input',
};

/** Turns any failure talking to the server into an error a person can act on. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  if (isAxiosError(error)) {
    if (!error.response) return new BridgeError('offline', OFFLINE_MESSAGE);
    const status = error.response.status;
    const body = error.response.data as { message?: unknown } | undefined;
    const message =
      typeof body?.message === 'string'
        ? body.message
        : `The agency server answered with an error (${status}).`;
    return new BridgeError(STATUS_CODES[status] ?? 'server_error', message);
  }
  return new BridgeError('internal', error instanceof Error ? error.message : String(error));
}

/** The MY INFO settings the server keeps for a staff member. */
export interface ServerStaffSettings {
  allowClientContact: boolean;
  displayInPortal: boolean;
}

export interface LoginResult {
  token: string;
  user: SessionUser;
  expiresAt: string;
}

/** The agency server's HTTP API as the desktop uses it. Every failure is a BridgeError. */
export class AgencyClient {
  private readonly http: AxiosInstance;

  constructor(
    readonly baseUrl: string,
    private readonly token: () => string | undefined,
  ) {
    this.http = axios.create({ baseURL: baseUrl, timeout: 30_000 });
    this.http.interceptors.request.use((config) => {
      const token = this.token();
      if (token) config.headers.set('authorization', `Bearer ${token}`);
      return config;
    });
  }

  private async call<T>(run: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await run()).data;
    } catch (error) {
      throw toBridgeError(error);
    }
  }

  login(username: string, password: string): Promise<LoginResult> {
    return this.call(() => this.http.post<LoginResult>('/api/auth/login', { username, password }));
  }

  async logout(): Promise<void> {
    await this.call(() => this.http.post('/api/auth/logout'));
  }

  pull<C extends ReplicatedCollection>(
    collection: C,
    checkpoint: ReplicationCheckpoint,
    limit: number,
  ): Promise<PullResponse<C>> {
    return this.call(() =>
      this.http.get<PullResponse<C>>(`/api/replication/${collection}/pull`, {
        params: { txid: checkpoint.txid, seq: checkpoint.seq, limit },
      }),
    );
  }

  /** What the server says this desktop should hold of a collection at `checkpoint` (checksums). */
  checksum(collection: ReplicatedCollection, checkpoint: ReplicationCheckpoint): Promise<ChecksumResponse> {
    return this.call(() =>
      this.http.get<ChecksumResponse>(`/api/replication/${collection}/checksum`, {
        params: { txid: checkpoint.txid, seq: checkpoint.seq },
      }),
    );
  }

  push<C extends ReplicatedCollection>(collection: C, rows: PushRow<C>[]): Promise<PushResponse<C>> {
    return this.call(() => this.http.post<PushResponse<C>>(`/api/replication/${collection}/push`, { rows }));
  }

  /** Downloads a file the server serves at `path` (client photos, message attachments). */
  async download(path: string): Promise<{ contentType: string; data: Uint8Array }> {
    const response = await this.call(() =>
      this.http.get<ArrayBuffer>(path, { responseType: 'arraybuffer' }).then((res) => ({
        data: {
          contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
          body: res.data,
        },
      })),
    );
    return { contentType: response.contentType, data: new Uint8Array(response.body) };
  }

  /** Sends a message; the id makes a retry after a lost answer harmless. */
  sendMessage(message: { id: string; clientId: string; threadId: string | null; html: string }): Promise<{
    message: MessageDoc;
    thread: ThreadDoc;
  }> {
    return this.call(() =>
      this.http.post<{ message: MessageDoc; thread: ThreadDoc }>('/api/messages', message),
    );
  }

  mySettings(): Promise<ServerStaffSettings> {
    return this.call(() => this.http.get<ServerStaffSettings>('/api/me/settings'));
  }

  updateMySettings(patch: Partial<ServerStaffSettings>): Promise<ServerStaffSettings> {
    return this.call(() => this.http.patch<ServerStaffSettings>('/api/me/settings', patch));
  }

  /** The Customer Portal connection of a client (see server/portal-invites). */
  portalConnection(
    clientId: string,
    action: 'status' | 'invite' | 'cancel' | 'disconnect',
  ): Promise<PortalConnection> {
    const path = `/api/clients/${encodeURIComponent(clientId)}/portal`;
    return this.call(async () => {
      if (action === 'status') return this.http.get<PortalConnection>(path);
      // An empty JSON body: without one axios labels the POST as a form, which the server refuses (415).
      if (action === 'invite') return this.http.post<PortalConnection>(`${path}/invite`, {});
      if (action === 'cancel') return this.http.delete<PortalConnection>(`${path}/invite`);
      return this.http.post<PortalConnection>(`${path}/disconnect`, {});
    });
  }

  /** The client's nudge settings (server/nudges): read, save with consent, send and check a code. */
  nudges(clientId: string): Promise<NudgeSettingsView> {
    return this.call(() =>
      this.http.get<NudgeSettingsView>(`/api/clients/${encodeURIComponent(clientId)}/nudges`),
    );
  }

  saveNudges(clientId: string, settings: NudgeSettingsInput): Promise<NudgeSettingsView> {
    return this.call(() =>
      this.http.put<NudgeSettingsView>(`/api/clients/${encodeURIComponent(clientId)}/nudges`, {
        ...settings,
        consent: true,
      }),
    );
  }

  sendNudgeCode(clientId: string, channel: NudgeMedium): Promise<{ sentTo: string; expiresAt: string }> {
    return this.call(() =>
      this.http.post<{ sentTo: string; expiresAt: string }>(
        `/api/clients/${encodeURIComponent(clientId)}/nudges/code`,
        { channel },
      ),
    );
  }

  verifyNudgeCode(clientId: string, channel: NudgeMedium, code: string): Promise<NudgeSettingsView> {
    return this.call(() =>
      this.http.post<NudgeSettingsView>(`/api/clients/${encodeURIComponent(clientId)}/nudges/verify`, {
        channel,
        code,
      }),
    );
  }

  /** The agency's portal preferences (server/nudges/settings-routes.ts; agency admins). */
  portalPreferences(): Promise<AgencyPortalPreferences> {
    return this.call(() => this.http.get<AgencyPortalPreferences>('/api/admin/portal-preferences'));
  }

  savePortalPreferences(preferences: AgencyPortalPreferences): Promise<AgencyPortalPreferences> {
    return this.call(() =>
      this.http.patch<AgencyPortalPreferences>('/api/admin/portal-preferences', preferences),
    );
  }

  /** The pending invitation's link again (GET /api/clients/:id/portal/invite-link). */
  portalInviteLink(clientId: string): Promise<PortalInviteLink> {
    return this.call(() =>
      this.http.get<PortalInviteLink>(`/api/clients/${encodeURIComponent(clientId)}/portal/invite-link`),
    );
  }

  auditLog(query: {
    clientId?: string;
    action?: string;
    before?: number;
    limit: number;
  }): Promise<AuditPage> {
    return this.call(() => this.http.get<AuditPage>('/api/admin/audit', { params: query }));
  }

  /** Tells the audit log which records were looked at on this desktop. */
  async reportViews(views: { clientId: string; viewedAt: string; what: string }[]): Promise<void> {
    await this.call(() => this.http.post('/api/audit/views', { views }));
  }

  startMassSend(job: Record<string, unknown> & { id: string }): Promise<{ job: MassSendJobView }> {
    return this.call(() => this.http.post<{ job: MassSendJobView }>('/api/mass-sends', job));
  }

  massSendJobs(): Promise<{ jobs: MassSendJobView[] }> {
    return this.call(() => this.http.get<{ jobs: MassSendJobView[] }>('/api/mass-sends'));
  }

  massSendResults(jobId: string): Promise<{ results: MassSendResult[] }> {
    return this.call(() =>
      this.http.get<{ results: MassSendResult[] }>(`/api/mass-sends/${encodeURIComponent(jobId)}/results`, {
        params: { offset: 0, limit: 20_000 },
      }),
    );
  }

  /** Sends a Customer Portal request; like messages, its id makes a retry harmless. */
  sendRequest(request: Record<string, unknown> & { id: string }): Promise<{ request: RequestDoc }> {
    return this.call(() => this.http.post<{ request: RequestDoc }>('/api/requests', request));
  }

  /**
   * Adds a document to a client's record: fields and files as multipart, each file streamed from
   * disk (openAsBlob reads lazily), never loaded whole.
   */
  async uploadClientDocument(
    clientId: string,
    fields: { categoryId: string; name: string; private: boolean },
    files: { path: string; name: string }[],
  ): Promise<{ record: RecordDoc }> {
    const form = new FormData();
    form.append('categoryId', fields.categoryId);
    form.append('name', fields.name);
    form.append('private', String(fields.private));
    for (const file of files) form.append('files', await openAsBlob(file.path), file.name);
    return this.call(() =>
      this.http.post<{ record: RecordDoc }>(`/api/clients/${encodeURIComponent(clientId)}/documents`, form, {
        maxBodyLength: Number.POSITIVE_INFINITY,
        maxContentLength: Number.POSITIVE_INFINITY,
      }),
    );
  }

  /** Streams a picture to the server, which stops reading past 25MB; nothing is held in memory here. */
  uploadAttachment(
    body: NodeJS.ReadableStream,
    contentType: string,
    size: number,
  ): Promise<{ id: string; url: string }> {
    return this.call(() =>
      this.http.post<{ id: string; url: string }>('/api/attachments', body, {
        headers: { 'content-type': contentType, 'content-length': String(size) },
        maxBodyLength: Number.POSITIVE_INFINITY,
        maxContentLength: Number.POSITIVE_INFINITY,
      }),
    );
  }
}
