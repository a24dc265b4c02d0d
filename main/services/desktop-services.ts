import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bufferTime, filter, type Subscription } from 'rxjs';
import type { BridgeChannel } from '../../shared/bridge/channels';
import { BridgeError } from '../../shared/bridge/envelope';
import type { NavigationTarget } from '../../shared/domain/messaging';
import type { AppNotice } from '../../shared/domain/notices';
import type { PortalConnection } from '../../shared/domain/portal-connection';
import type { SessionInfo } from '../../shared/domain/session';
import type { SyncStatus } from '../../shared/domain/views';
import { sanitizeHtml } from '../../shared/rich-text';
import { compactFreedPages } from '../cache/sqlite-storage';
import { openExternalUrl } from '../security';
import { describeLostWork, LostClients, type LostClientsReport } from './access/lost-clients';
import { AgencyClient } from './api/agency-client';
import { ViewReporter } from './audit/view-reporter';
import type { BridgeHandlers } from './bridge-dispatch';
import {
  type CacheDamage,
  cacheDirectory,
  openHealthyCache,
  pendingWritesPath,
  setCacheAside,
} from './cache/cache-healing';
import { CacheKeyStore } from './cache/cache-key-store';
import type { CacheStorageFactory } from './cache/cache-storage';
import type { OutboxDoc } from './cache/local-schemas';
import { type CacheDatabase, cacheNameFor } from './cache/open-cache';
import { type JournalReport, PendingWritesJournal } from './cache/pending-writes-journal';
import { ClientEditTimes } from './clients/client-edit-times';
import { ClientsService } from './clients/clients-service';
import { EventBus } from './event-bus';
import { uploadImage } from './files/attachment-upload';
import { FileCache } from './files/file-cache';
import { PhotoOwners } from './files/photo-owners';
import { shredFolder } from './files/sealed-files';
import { MassSendService } from './mass-send/mass-send-service';
import { ClientMessageNotifier } from './messaging/client-message-notifier';
import { DraftsService } from './messaging/drafts-service';
import { inboxCounts } from './messaging/inbox-counts';
import { InboxService } from './messaging/inbox-service';
import { OutboxService, toOutboxEntry } from './messaging/outbox-service';
import { SettingsService } from './messaging/settings-service';
import type { DesktopPorts } from './ports';
import { FulfilmentNotifier } from './requests/fulfilment-notifier';
import { NotificationsService } from './requests/notifications-service';
import { RecordsService } from './requests/records-service';
import { RequestsService } from './requests/requests-service';
import { IdleLock } from './session/idle-lock';
import { SessionService, type SignOutReason } from './session/session-service';
import { SessionStore, type StoredSession } from './session/session-store';
import { SyncService } from './sync/sync-service';

export interface DesktopConfig {
  /** The per-user application data folder (Electron's userData, or the browser host's --data-dir). */
  dataDir: string;
  serverUrl: string;
  host: 'electron' | 'browser';
  version: string;
  /** Storage for the RxDB cache, encrypted with the given key; the app passes the SQLite storage in dataDir. */
  createStorage: CacheStorageFactory;
}

interface SignedIn {
  session: StoredSession;
  db: CacheDatabase;
  journal: PendingWritesJournal;
  sync: SyncService;
  clients: ClientsService;
  inbox: InboxService;
  outbox: OutboxService;
  drafts: DraftsService;
  settings: SettingsService;
  requests: RequestsService;
  records: RecordsService;
  notifications: NotificationsService;
  massSend: MassSendService;
  views: ViewReporter;
  lostClients: LostClients;
  /** After a purge: compacts the cache file (free pages, WAL) if that has not happened yet. */
  compactIfPurged(): void;
  notifiers: { stop(): void }[];
  changes: Subscription;
}

/** What a locked app still answers: enough to show the lock screen and unlock. */
const AVAILABLE_WHILE_LOCKED: ReadonlySet<BridgeChannel> = new Set([
  'app:info',
  'notices:list',
  'session:get',
  'session:signOut',
  'session:lockState',
  'session:activity',
  'session:unlock',
  'sync:status',
]);
const LOCKED_MESSAGE = 'Portico is locked. Enter your password to continue.';
const MAX_UNLOCK_ATTEMPTS = 5;

const ATTACHMENT_URL = /^\/api\/attachments\/([0-9a-f-]{36})$/i;

const SIGNED_OUT_STATUS: SyncStatus = {
  state: 'signed-out',
  lastSyncedAt: null,
  pendingChanges: 0,
  message: null,
  refusals: [],
  integrity: { checkedAt: null, repairs: [] },
  firstSync: null,
};
const EXPIRED_MESSAGE = 'Your session has expired. Please sign in again.';
/** A cache replaced while open is not replaced again within this time (a failing disk, not a bad file). */
const REHEAL_AFTER_MS = 60_000;

/**
 * The desktop's main-process services, composed. Electron's adapter and the browser host both
 * create one and wire its handlers and events to their transport; nothing here knows which.
 */
export class DesktopServices {
  readonly events = new EventBus();
  private readonly session: SessionService;
  private readonly files: FileCache;
  private client: AgencyClient;
  private signedIn: SignedIn | undefined;
  private signedOutMessage: string | null = null;
  private readonly keys: CacheKeyStore;
  private idleLock: IdleLock | undefined;
  private failedUnlocks = 0;
  private notices: AppNotice[] = [];
  /** A heal of the open cache under way (a read failed on a damaged file), so it runs once. */
  private healing: Promise<void> | undefined;
  /** When the last heal of an open cache began: a fresh cache failing at once is not healed in a loop. */
  private lastHealAt = 0;
  /** The staff member whose cache is being opened, and damage reported before it finished opening. */
  private opening: { userId: string; damage?: unknown } | undefined;
  /** Whose saved session the last start() could not open, for startFresh(). */
  private failedStartUserId: string | undefined;

  constructor(
    private readonly config: DesktopConfig,
    private readonly ports: DesktopPorts,
  ) {
    this.client = new AgencyClient(config.serverUrl, () => this.session.token);
    this.session = new SessionService(
      new SessionStore(join(config.dataDir, 'session.bin'), ports.secureStorage),
      () => this.client,
      {
        signedIn: (session) => this.onSignedIn(session),
        signedOut: (reason, userId) => this.onSignedOut(reason, userId),
      },
    );
    this.files = new FileCache(join(config.dataDir, 'files'), () => this.client);
    this.keys = new CacheKeyStore(join(config.dataDir, 'keys'), ports.secureStorage);
  }

  /**
   * Resumes the session saved at last close, opening its cache; offline is fine. A damaged cache
   * is replaced on the way (see openSignedIn); anything else that stops the start is thrown, and
   * startFresh() is the way out.
   */
  async start(): Promise<void> {
    this.failedStartUserId = undefined;
    try {
      await this.session.restore();
    } catch (error) {
      this.failedStartUserId = this.session.restoringUserId;
      throw error;
    }
  }

  /**
   * After a start that failed: sets the staff member's cache aside (kept, like a damaged one),
   * forgets the saved session and starts signed out. The cache's key and the unsent work in the
   * journal stay, so signing in again opens a fresh cache with the unsent work put back.
   */
  async startFresh(): Promise<void> {
    const userId = this.failedStartUserId;
    await this.closeSignedIn().catch((error: unknown) => console.error('Closing the cache failed:', error));
    if (userId) {
      const damage = setCacheAside(this.config.dataDir, userId, 'The app could not start with it');
      console.warn(`Portico started fresh; the cache of ${userId} was kept at ${damage.keptAt ?? '(none)'}`);
    }
    this.session.forgetSaved();
    this.failedStartUserId = undefined;
    await this.start();
    this.events.emit('session:changed', null);
  }

  /** For tests and shutdown: waits until every collection pushed and pulled what it knows of. */
  async awaitInSync(): Promise<void> {
    await this.signedIn?.sync.awaitInSync();
  }

  get database(): CacheDatabase | undefined {
    return this.signedIn?.db;
  }

  async close(): Promise<void> {
    await this.closeSignedIn();
  }

  private requireSignedIn(): SignedIn {
    if (!this.signedIn) throw new BridgeError('unauthorized', 'Sign in to continue.');
    return this.signedIn;
  }

  private syncStatus(): SyncStatus {
    if (!this.signedIn) return { ...SIGNED_OUT_STATUS, message: this.signedOutMessage };
    return this.signedIn.sync.status();
  }

  private onSignedIn(session: StoredSession): Promise<void> {
    return this.openSignedIn(session, null);
  }

  /**
   * Opens the staff member's journal and cache. A cache found damaged (here, or by a failed read
   * while it was open: `knownDamage`) is replaced by a fresh one that syncs from the server, the
   * journal puts the unsent work back into it, and the staff member is told in plain words.
   */
  private async openSignedIn(session: StoredSession, knownDamage: CacheDamage | null): Promise<void> {
    await this.closeSignedIn();
    this.signedOutMessage = null;
    const user = session.info.user;
    const key = this.keys.keyFor(user.id);
    this.opening = { userId: user.id };
    try {
      await this.openSignedInCache(session, key, knownDamage);
    } finally {
      const late = this.opening;
      this.opening = undefined;
      // The background integrity check answered while the cache was still opening.
      if (late?.damage !== undefined && this.signedIn) this.onCacheDamage(user.id, late.damage);
    }
  }

  private async openSignedInCache(
    session: StoredSession,
    key: string,
    knownDamage: CacheDamage | null,
  ): Promise<void> {
    const user = session.info.user;
    const { journal, report } = PendingWritesJournal.open(
      pendingWritesPath(this.config.dataDir, user.id),
      key,
    );
    let opened: Awaited<ReturnType<typeof openHealthyCache>>;
    try {
      opened = await openHealthyCache({
        dataDir: this.config.dataDir,
        userId: user.id,
        storage: () => this.config.createStorage(key, (error) => this.onCacheDamage(user.id, error)),
      });
    } catch (error) {
      journal.close();
      throw error;
    }
    const db = opened.db;
    const damage = knownDamage ?? opened.damage;
    let outbox: OutboxService | undefined;
    const clientEditTimes = new ClientEditTimes(db);
    const sync = new SyncService(
      db,
      this.client,
      (status) => {
        this.events.emit('sync:status', status);
        if (status.state === 'online') {
          outbox?.kick();
          void this.signedIn?.views.flush();
        }
      },
      () => void this.session.expire(),
      () => this.session.token,
      { clients: (rows) => clientEditTimes.prepare(rows) },
    );
    const refreshOutbox = async () => {
      if (outbox) sync.setOutboxWaiting(await outbox.waitingCount());
    };
    outbox = new OutboxService(
      db,
      () => this.client,
      () => sync.status().state === 'online',
      refreshOutbox,
      journal,
    );
    const restored = await outbox.restoreFromJournal();
    const clients = new ClientsService(db, user, (id) => sync.markPending('clients', id), clientEditTimes);
    const inbox = new InboxService(db, user, outbox, (id) => sync.markPending('threads', id));
    const settings = new SettingsService(db, user, () => this.client);
    const notifyEnabled = () => settings.osNotificationsEnabled();
    const navigate = (target: NavigationTarget) => this.events.emit('app:navigate', target);
    const messageNotifier = new ClientMessageNotifier(
      db,
      user.id,
      this.ports.notifier,
      notifyEnabled,
      navigate,
    );
    const fulfilmentNotifier = new FulfilmentNotifier(
      db,
      user.id,
      this.ports.notifier,
      notifyEnabled,
      navigate,
    );
    const requests = new RequestsService(db, user, outbox, (id) => sync.markPending('requests', id));
    const records = new RecordsService(
      db,
      () => this.client,
      join(this.config.dataDir, 'downloads'),
      this.ports.documents,
      this.files,
    );
    const notifications = new NotificationsService(db, user, (id) => sync.markPending('notifications', id));
    const views = new ViewReporter(
      db,
      () => this.client,
      () => sync.status().state === 'online',
    );
    // Files are sealed with this staff member's key; a photo is given only while its client is here.
    const photoOwners = new PhotoOwners(db);
    this.files.open(key, {
      photoOwner: (fileId) => photoOwners.ownerOf(fileId),
      isVisible: async (clientId) => (await db.clients.findOne(clientId).exec()) !== null,
    });
    // Plain copies handed to the OS to open or save last time (and documents from before files
    // were sealed): the sealed copies stay, the plain ones go.
    shredFolder(join(this.config.dataDir, 'downloads'));
    let compactPending = false;
    const compactIfPurged = () => {
      if (!compactPending) return;
      compactPending = false;
      compactFreedPages(cacheDirectory(this.config.dataDir), cacheNameFor(user.id));
    };
    const lostClients = new LostClients(db, journal, this.files, join(this.config.dataDir, 'downloads'), {
      outboxChanged: refreshOutbox,
      // The removals of the client's other rows may still be arriving: compact once they are in
      // (or when the cache closes, whichever comes first).
      flushCache: () => {
        compactPending = true;
        void sync
          .awaitInSync()
          .then(() => {
            if (this.signedIn?.db === db) compactIfPurged();
          })
          .catch((error: unknown) => console.error('Compacting the cache after a purge failed:', error));
      },
      tell: (lost) => this.tellLostClientWork(lost),
    });
    // Views re-read when the cache changes, whoever changed it: this desktop, or the server.
    const changes = db.eventBulks$
      .pipe(
        filter((bulk) => !bulk.isLocal && !!bulk.collectionName),
        bufferTime(50),
        filter((bulks) => bulks.length > 0),
      )
      .subscribe((bulks) => {
        const collections = [...new Set(bulks.map((bulk) => bulk.collectionName as string))];
        if (collections.includes('messages') || collections.includes('requests'))
          void outbox?.forgetDelivered();
        this.events.emit('data:changed', { collections });
      });
    this.signedIn = {
      session,
      db,
      journal,
      sync,
      clients,
      inbox,
      outbox,
      drafts: new DraftsService(db),
      settings,
      requests,
      records,
      notifications,
      massSend: new MassSendService(db, user, outbox, () => this.client),
      views,
      lostClients,
      compactIfPurged,
      notifiers: [messageNotifier, fulfilmentNotifier, photoOwners],
      changes,
    };
    // Listening before the first pull, which brings the removals that happened while closed.
    lostClients.start();
    // Work left for clients who left while the app was closing; a fresh cache has not pulled yet.
    if (!damage && (await sync.hasCaughtUpBefore())) await lostClients.purgeOrphans();
    await sync.start();
    const since = sync.lastSyncedAtBeforeStart ?? new Date().toISOString();
    messageNotifier.start(since);
    fulfilmentNotifier.start(since);
    await outbox.start();
    await views.start();
    await refreshOutbox();
    this.startIdleLock(await settings.idleLockMinutes());
    this.events.emit('session:changed', session.info);
    if (damage) this.tellCacheReplaced(damage, restored);
    if (report.damagedEntries > 0) this.tellJournalDamaged(report, damage !== null);
  }

  /** A read on the open cache failed because its file is damaged: replace it, once. */
  private onCacheDamage(userId: string, error: unknown): void {
    const current = this.signedIn;
    if (this.opening?.userId === userId) {
      this.opening.damage ??= error;
      return;
    }
    if (this.healing || current?.session.info.user.id !== userId) return;
    if (Date.now() - this.lastHealAt < REHEAL_AFTER_MS) {
      console.error('The fresh cache is damaged too; not replacing it again so soon:', error);
      return;
    }
    this.lastHealAt = Date.now();
    console.error('The cache is damaged and is being replaced:', error);
    this.healing = (async () => {
      await this.closeSignedIn().catch((closing: unknown) =>
        console.error('Closing the damaged cache failed:', closing),
      );
      const damage = setCacheAside(this.config.dataDir, userId, error);
      await this.openSignedIn(current.session, damage);
    })()
      .catch((healError: unknown) => console.error('The damaged cache could not be replaced:', healError))
      .finally(() => {
        this.healing = undefined;
      });
  }

  private tellCacheReplaced(damage: CacheDamage, restored: OutboxDoc[]): void {
    console.warn(`Replaced a damaged cache (${damage.reason}); kept at ${damage.keptAt ?? '(no file)'}`);
    const unsent = describeUnsent(restored);
    this.addNotice({
      title: 'Portico repaired the copy of your records on this computer',
      message: [
        'The copy of your records on this computer was damaged, so Portico set it aside and is downloading a fresh copy from the agency server.',
        unsent
          ? `Your ${unsent} ${restored.length === 1 ? 'was' : 'were'} kept and will be sent when you are connected.`
          : 'Nothing you had written was waiting to be sent.',
        'You do not need to do anything.',
      ].join(' '),
      detail: `${damage.keptAt ? `The damaged copy was kept, still encrypted, at ${damage.keptAt}. ` : ''}Reason: ${damage.reason}`,
    });
  }

  /**
   * With the cache intact, its outbox still holds everything unsent (the journal only backs it
   * up, and was just re-filled from it); with a fresh cache, what the entries held is gone.
   */
  private tellJournalDamaged(report: JournalReport, cacheReplaced: boolean): void {
    const count = report.damagedEntries;
    console.warn(
      `Skipped ${count} damaged journal entries; the journal was kept at ${report.keptAt ?? '(none)'}`,
    );
    const entries = `${count} ${count === 1 ? 'item' : 'items'} waiting to be sent from this computer could not be read and ${count === 1 ? 'was' : 'were'} skipped.`;
    this.addNotice({
      title: 'Some unsent work could not be read',
      message: cacheReplaced
        ? `${entries} Everything else waiting to be sent is safe. Check your sent messages and requests, and send again anything that is missing.`
        : `${entries} This computer’s copy of your records still had everything waiting to be sent, so nothing was lost.`,
      detail: report.keptAt ? `The damaged file was kept at ${report.keptAt}.` : null,
    });
  }

  private tellLostClientWork(lost: LostClientsReport): void {
    const one = lost.clients === 1;
    this.addNotice({
      title: `Work for ${one ? 'a client' : 'clients'} you no longer have access to was deleted`,
      message: `${describeLostWork(lost)} Your access to ${one ? 'this client' : 'these clients'} ended (a care team ended, or a record stopped being shared), so Portico removed everything about ${one ? 'them' : 'these clients'} from this computer.`,
      detail: null,
    });
  }

  private addNotice(notice: Omit<AppNotice, 'id' | 'at'>): void {
    this.notices = [...this.notices, { ...notice, id: randomUUID(), at: new Date().toISOString() }];
    this.events.emit('notices:changed', this.notices);
  }

  private startIdleLock(minutes: number): void {
    this.idleLock?.stop();
    this.failedUnlocks = 0;
    // Tests shorten the wait; nothing else can.
    const testMs = process.env.NODE_ENV === 'test' ? Number(process.env.PORTICO_IDLE_LOCK_MS) : Number.NaN;
    const idleMs = Number.isFinite(testMs) && testMs > 0 ? testMs : minutes * 60_000;
    this.idleLock = new IdleLock(idleMs, (state) => this.events.emit('session:lock', state));
    this.idleLock.start();
  }

  private async onSignedOut(reason: SignOutReason, userId: string): Promise<void> {
    this.idleLock?.stop();
    this.idleLock = undefined;
    const wipe = reason === 'signed-out';
    await this.closeSignedIn(wipe);
    if (wipe) this.wipe(userId);
    // Notices are about the person's own work; the next person at this computer starts without them.
    this.notices = [];
    this.events.emit('notices:changed', this.notices);
    if (reason === 'replaced') return;
    this.signedOutMessage = reason === 'expired' ? EXPIRED_MESSAGE : null;
    this.events.emit('session:changed', null);
    this.events.emit('sync:status', this.syncStatus());
  }

  /**
   * Signing out leaves nothing of the agency's records on this computer: the cache (already
   * removed), its key, and the downloaded photos, pictures and documents.
   */
  private wipe(userId: string): void {
    this.keys.forget(userId);
    for (const folder of ['files', 'downloads', 'staging']) {
      rmSync(join(this.config.dataDir, folder), { recursive: true, force: true });
    }
    // Unsent work the person chose to delete by signing out, and the damaged copies kept of
    // their cache and journal: unreadable without the forgotten key, and removed all the same.
    const journal = pendingWritesPath(this.config.dataDir, userId);
    rmSync(journal, { force: true });
    const name = cacheNameFor(userId);
    for (const folder of [
      join(cacheDirectory(this.config.dataDir), 'damaged'),
      join(journal, '..', 'damaged'),
    ]) {
      for (const file of safeList(folder))
        if (file.includes(name)) rmSync(join(folder, file), { force: true });
    }
    this.files.reset();
  }

  /** Refuses a sign-out that would delete work nobody has seen yet, unless the person confirmed. */
  private async signOut(force: boolean): Promise<void> {
    const current = this.signedIn;
    if (current && !force) {
      const unsent = current.sync.status().pendingChanges;
      const drafts = await current.db.drafts.count().exec();
      if (unsent + drafts > 0) {
        const parts = [
          unsent > 0
            ? `${unsent} ${unsent === 1 ? 'change has' : 'changes have'} not reached the agency server`
            : '',
          drafts > 0 ? `${drafts} ${drafts === 1 ? 'draft is' : 'drafts are'} unsent` : '',
        ].filter(Boolean);
        throw new BridgeError(
          'conflict',
          `${parts.join(' and ')}. Signing out deletes ${unsent + drafts === 1 ? 'it' : 'them'} from this computer.`,
        );
      }
    }
    await this.session.signOut();
  }

  private async unlock(password: string): Promise<void> {
    const lock = this.idleLock;
    if (!lock || !this.signedIn) throw new BridgeError('unauthorized', 'Sign in to continue.');
    if (await this.session.checkPassword(password)) {
      this.failedUnlocks = 0;
      lock.unlock();
      return;
    }
    this.failedUnlocks += 1;
    if (this.failedUnlocks >= MAX_UNLOCK_ATTEMPTS) {
      // Too many guesses: the session ends; records stay for their owner to sign in again.
      await this.session.expire();
      throw new BridgeError('unauthorized', 'Too many wrong passwords. Sign in again to continue.');
    }
    throw new BridgeError('unauthorized', 'The password is incorrect.');
  }

  private async closeSignedIn(wipe = false): Promise<void> {
    const current = this.signedIn;
    if (!current) return;
    this.signedIn = undefined;
    current.changes.unsubscribe();
    for (const notifier of current.notifiers) notifier.stop();
    await current.lostClients.stop();
    this.files.close();
    await current.views.stop();
    current.outbox.stop();
    current.journal.close();
    await current.sync.stop();
    if (!wipe) current.compactIfPurged();
    if (wipe) await current.db.remove();
    else await current.db.close();
  }

  /** One handler per bridge method; the dispatcher has already validated each argument. */
  handlers(): BridgeHandlers {
    const handlers = this.unguardedHandlers();
    const guarded: Record<string, (args: never) => Promise<unknown>> = {};
    for (const [channel, handler] of Object.entries(handlers) as [
      BridgeChannel,
      (args: never) => Promise<unknown>,
    ][]) {
      guarded[channel] = AVAILABLE_WHILE_LOCKED.has(channel)
        ? handler
        : (args) => {
            if (this.idleLock?.isLocked) throw new BridgeError('locked', LOCKED_MESSAGE);
            return handler(args);
          };
    }
    return guarded as unknown as BridgeHandlers;
  }

  private unguardedHandlers(): BridgeHandlers {
    return {
      'app:info': async () => ({
        version: this.config.version,
        host: this.config.host,
        serverUrl: this.config.serverUrl,
      }),
      'notices:list': async () => this.notices,
      'notices:dismiss': async ({ id }) => {
        this.notices = this.notices.filter((notice) => notice.id !== id);
        this.events.emit('notices:changed', this.notices);
        return null;
      },
      'session:get': async () => this.session.info,
      'session:signIn': async ({ username, password }) => this.session.signIn(username, password),
      'session:signOut': async (args) => {
        await this.signOut(args?.force ?? false);
        return null;
      },
      'session:lockState': async () => this.idleLock?.state ?? { locked: false, idleMinutes: 0 },
      'session:activity': async () => {
        this.idleLock?.activity();
        return null;
      },
      'session:unlock': async ({ password }) => {
        await this.unlock(password);
        return null;
      },
      'sync:status': async () => this.syncStatus(),
      'sync:now': async () => {
        this.requireSignedIn().sync.syncNow();
        return null;
      },
      'clients:search': async ({ query, limit }) => this.requireSignedIn().clients.search(query, limit),
      'clients:count': async ({ query }) => this.requireSignedIn().clients.count(query),
      'clients:get': async ({ id }) => {
        const { clients, views } = this.requireSignedIn();
        const profile = await clients.profile(id);
        if (profile) await views.record(id, 'profile');
        return profile;
      },
      'clients:update': async ({ id, patch }) => this.requireSignedIn().clients.update(id, patch),
      'files:photo': async ({ fileId }) => {
        this.requireSignedIn();
        const dataUrl = await this.files.dataUrl('photo', fileId);
        return dataUrl ? { dataUrl } : null;
      },
      'files:attachment': async ({ url }) => {
        this.requireSignedIn();
        const id = ATTACHMENT_URL.exec(url)?.[1];
        const dataUrl = id ? await this.files.dataUrl('attachment', id) : null;
        return dataUrl ? { dataUrl } : null;
      },
      'attachments:addImage': async ({ path }) => {
        this.requireSignedIn();
        return uploadImage(this.client, path);
      },
      'inbox:list': async ({ box, limit }) => this.requireSignedIn().inbox.list(box, limit),
      'inbox:counts': async () => {
        const { inbox, notifications } = this.requireSignedIn();
        return inboxCounts(inbox, notifications);
      },
      'inbox:mark': async ({ threadIds, read }) => {
        await this.requireSignedIn().inbox.mark(threadIds, read);
        return null;
      },
      // Reading a conversation is a view of the client's record (the client sees it on their privacy page).
      'threads:get': async ({ threadId }) => {
        const { inbox, views } = this.requireSignedIn();
        const thread = await inbox.thread(threadId);
        if (thread) await views.record(thread.entry.clientId, 'messages');
        return thread;
      },
      'threads:forClient': async ({ clientId }) => {
        const { inbox, views } = this.requireSignedIn();
        const entries = await inbox.forClient(clientId);
        if (entries.length > 0) await views.record(clientId, 'messages');
        return entries;
      },
      'messages:send': async ({ clientId, threadId, html }) => {
        const { outbox, clients } = this.requireSignedIn();
        if (!(await clients.profile(clientId))) {
          throw new BridgeError('not_found', 'This client is no longer available on this computer.');
        }
        // The server sanitizes again; sanitizing here keeps the outbox free of anything unsafe too.
        return outbox.enqueueMessage({ clientId, threadId, html: sanitizeHtml(html) });
      },
      'outbox:list': async () => (await this.requireSignedIn().outbox.list('message')).map(toOutboxEntry),
      'outbox:retry': async ({ id }) => {
        await this.requireSignedIn().outbox.retry(id);
        return null;
      },
      'outbox:discard': async ({ id }) => {
        await this.requireSignedIn().outbox.discard(id);
        return null;
      },
      'drafts:get': async ({ key }) => this.requireSignedIn().drafts.get(key),
      'drafts:save': async ({ key, clientId, threadId, content }) => {
        await this.requireSignedIn().drafts.save(key, clientId, threadId, content);
        return null;
      },
      'drafts:discard': async ({ key }) => {
        await this.requireSignedIn().drafts.discard(key);
        return null;
      },
      'settings:get': async () => this.requireSignedIn().settings.get(),
      'settings:update': async (patch) => {
        const settings = await this.requireSignedIn().settings.update(patch);
        if (patch.idleLockMinutes !== undefined) this.idleLock?.setIdleMs(settings.idleLockMinutes * 60_000);
        return settings;
      },
      'requests:forClient': async ({ clientId }) => this.requireSignedIn().requests.forClient(clientId),
      'requests:options': async ({ clientId }) => this.requireSignedIn().requests.options(clientId),
      'requests:send': async (input) => this.requireSignedIn().requests.send(input),
      'requests:cancel': async ({ requestId }) => {
        await this.requireSignedIn().requests.cancel(requestId);
        return null;
      },
      'records:forClient': async ({ clientId, kind }) => {
        const { records, views } = this.requireSignedIn();
        await views.record(clientId, `records:${kind}`);
        return records.forClient(clientId, kind);
      },
      'records:openFile': async ({ recordId, fileId, action }) =>
        this.requireSignedIn().records.openFile(recordId, fileId, action),
      'records:addDocument': async (input) => this.requireSignedIn().records.addDocument(input),
      'notifications:list': async ({ limit }) => this.requireSignedIn().notifications.list(limit),
      'notifications:mark': async ({ ids, read }) => {
        await this.requireSignedIn().notifications.mark(ids, read);
        return null;
      },
      'audit:list': async (query) => {
        const { clients } = this.requireSignedIn();
        try {
          const page = await this.client.auditLog(query);
          const names = await clients.namesOf(page.entries.map((entry) => entry.clientId ?? ''));
          return {
            ...page,
            entries: page.entries.map((entry) => {
              const clientName = entry.clientId ? names.get(entry.clientId) : undefined;
              return clientName ? { ...entry, clientName } : entry;
            }),
          };
        } catch (error) {
          if (error instanceof BridgeError && error.code === 'offline') {
            throw new BridgeError('offline', 'You’re offline. The audit log is read from the agency server.');
          }
          throw error;
        }
      },
      'massSend:programs': async () => this.requireSignedIn().massSend.programs(),
      'massSend:recipients': async (filter) => this.requireSignedIn().massSend.recipients(filter),
      'massSend:start': async (input) => {
        const html = input.html === undefined ? undefined : sanitizeHtml(input.html);
        return this.requireSignedIn().massSend.start({ ...input, html });
      },
      'massSend:jobs': async () => this.requireSignedIn().massSend.jobs(),
      'massSend:results': async ({ jobId }) => this.requireSignedIn().massSend.results(jobId),
      'portal:status': async ({ clientId }) => this.portalConnection(clientId, 'status'),
      'portal:invite': async ({ clientId }) => this.portalConnection(clientId, 'invite'),
      'portal:inviteLink': async ({ clientId }) => {
        this.requireSignedIn();
        return this.atServer(() => this.client.portalInviteLink(clientId));
      },
      'portal:cancelInvite': async ({ clientId }) => this.portalConnection(clientId, 'cancel'),
      'portal:disconnect': async ({ clientId }) => this.portalConnection(clientId, 'disconnect'),
      'nudges:get': async ({ clientId }) => {
        this.requireSignedIn();
        return this.atServer(() => this.client.nudges(clientId), 'Notices by email or text');
      },
      'nudges:save': async ({ clientId, settings }) => {
        this.requireSignedIn();
        return this.atServer(() => this.client.saveNudges(clientId, settings), 'Notices by email or text');
      },
      'nudges:sendCode': async ({ clientId, channel }) => {
        this.requireSignedIn();
        return this.atServer(() => this.client.sendNudgeCode(clientId, channel), 'Verification codes');
      },
      'nudges:verify': async ({ clientId, channel, code }) => {
        this.requireSignedIn();
        return this.atServer(
          () => this.client.verifyNudgeCode(clientId, channel, code),
          'Verification codes',
        );
      },
      'agency:portalPreferences': async () => {
        this.requireSignedIn();
        return this.atServer(() => this.client.portalPreferences(), 'Agency settings');
      },
      'agency:savePortalPreferences': async (preferences) => {
        this.requireSignedIn();
        return this.atServer(() => this.client.savePortalPreferences(preferences), 'Agency settings');
      },
      'shell:openExternal': async ({ url }) => {
        const opened = await openExternalUrl(url, (safe) => this.ports.externalOpener.open(safe));
        if (!opened) throw new BridgeError('invalid_input', 'Only web and email links can be opened.');
        return null;
      },
    };
  }

  /** Portal invitations live at the server: offline, say so in words that fit. */
  private async portalConnection(
    clientId: string,
    action: 'status' | 'invite' | 'cancel' | 'disconnect',
  ): Promise<PortalConnection> {
    this.requireSignedIn();
    const answer = await this.atServer(() => this.client.portalConnection(clientId, action));
    return { ...answer, inviteUrl: answer.inviteUrl ?? null };
  }

  private async atServer<T>(call: () => Promise<T>, what = 'Customer Portal invitations'): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'offline') {
        throw new BridgeError('offline', `You’re offline. ${what} need a connection to the agency server.`);
      }
      throw error;
    }
  }

  /** The signed-in staff member, for transports that log or label by user. */
  get currentSession(): SessionInfo | null {
    return this.session.info;
  }
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** "3 unsent messages and 1 request", in the person's words for what they sent. */
function describeUnsent(items: OutboxDoc[]): string {
  const counts = { message: 0, request: 0, massSend: 0 };
  for (const item of items) counts[item.kind]++;
  const parts = [
    counts.message ? `${counts.message} unsent ${counts.message === 1 ? 'message' : 'messages'}` : '',
    counts.request
      ? `${counts.request} unsent Customer Portal ${counts.request === 1 ? 'request' : 'requests'}`
      : '',
    counts.massSend ? `${counts.massSend} unsent mass ${counts.massSend === 1 ? 'send' : 'sends'}` : '',
  ].filter(Boolean);
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
    : (parts[0] ?? '');
}
