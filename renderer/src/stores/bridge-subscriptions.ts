import type { NavigationTarget } from '../../../shared/domain/messaging';
import { bridge, bridgeConnection, onLockedAnswer } from '../bridge';
import { clearAttachmentCache } from '../lib/attachment-cache';
import { clearPhotoCache } from '../lib/photo-cache';
import { useClientSearchStore } from './client-search-store';
import { useClientThreadsStore } from './client-threads-store';
import { useInboxStore } from './inbox-store';
import { useLockStore } from './lock-store';
import { useMassSendJobsStore } from './mass-send-jobs-store';
import { useMassSendStore } from './mass-send-store';
import { TAB_OF_KIND, useNavigationStore } from './navigation-store';
import { useNoticesStore } from './notices-store';
import { useNotificationsStore } from './notifications-store';
import { useProfileStore } from './profile-store';
import { useRecordsStore } from './records-store';
import { useRequestsStore } from './requests-store';
import { useSessionStore } from './session-store';
import { useSettingsStore } from './settings-store';
import { useSyncStore } from './sync-store';
import { useThreadStore } from './thread-store';

/** Collections whose changes can alter what the clients list shows. */
const LIST_COLLECTIONS = new Set(['clients', 'directory']);
/** The profile also shows care team and enrollments, which live in memberships. */
const PROFILE_COLLECTIONS = new Set(['clients', 'directory', 'memberships']);
/**
 * Conversations: replicated threads and messages, this desktop's outbox, and the names and photos
 * the rows show.
 */
const MESSAGE_COLLECTIONS = new Set(['threads', 'messages', 'outbox', 'clients', 'directory']);
/**
 * Customer Portal requests: replicated requests, this desktop's outbox (a request waiting to send),
 * and the staff names rows show.
 */
const REQUEST_COLLECTIONS = new Set(['requests', 'outbox', 'directory']);
/** Records, and the names of who sent and asked for them. */
const RECORD_COLLECTIONS = new Set(['records', 'directory']);
const NOTIFICATION_COLLECTIONS = new Set(['notifications', 'clients']);
/** Recipients come from clients (portalConnected), enrollments and programs; queued jobs from the outbox. */
const MASS_SEND_COLLECTIONS = new Set(['clients', 'memberships', 'directory', 'outbox']);

/** Outbox collections may be named per kind ("requestOutbox"); any of them can change a request's state. */
function touches(collections: string[], names: Set<string>): boolean {
  return collections.some((name) => names.has(name) || (names.has('outbox') && /outbox/i.test(name)));
}

/** Forgets everything the previous person at this computer had on screen. */
function clearSignedInState(): void {
  useClientSearchStore.getState().reset();
  useProfileStore.getState().close();
  useSyncStore.getState().reset();
  useInboxStore.getState().reset();
  useThreadStore.getState().close();
  useClientThreadsStore.getState().close();
  useRequestsStore.getState().close();
  useRecordsStore.getState().close();
  useNotificationsStore.getState().reset();
  useNoticesStore.getState().set([]);
  useSettingsStore.getState().reset();
  useMassSendStore.getState().reset();
  useMassSendJobsStore.getState().reset();
  useLockStore.getState().reset();
  clearPhotoCache();
  clearAttachmentCache();
  useNavigationStore.getState().navigate({ name: 'clients' });
}

/** Whether views may read now: signed in and not locked (a locked app answers every read 'locked'). */
function canRead(): boolean {
  return useSessionStore.getState().phase === 'signed-in' && useLockStore.getState().status !== 'locked';
}

function refreshOpenViews(): void {
  if (!canRead()) return;
  void useClientSearchStore.getState().refresh();
  void useProfileStore.getState().reload();
  refreshMessaging();
  refreshRequests();
  void useMassSendStore.getState().refresh();
  void useMassSendJobsStore.getState().refresh();
}

function refreshRequests(): void {
  void useRequestsStore.getState().reload();
  void useRecordsStore.getState().reload();
  void useNotificationsStore.getState().load();
}

function refreshMessaging(): void {
  void useInboxStore.getState().refresh();
  void useThreadStore.getState().reload();
  void useClientThreadsStore.getState().reload();
}

/** An OS notification was clicked: show the conversation, client or record it was about. */
function navigateTo(target: NavigationTarget): void {
  // While locked the route still changes: the lock screen hides it, and unlocking shows it.
  if (useSessionStore.getState().phase !== 'signed-in') return;
  const { navigate } = useNavigationStore.getState();
  if (target.to === 'thread')
    navigate({ name: 'thread', threadId: target.threadId, origin: { from: 'inbox' } });
  else if (target.to === 'record')
    navigate({
      name: 'client',
      clientId: target.clientId,
      tab: TAB_OF_KIND[target.kind],
      recordId: target.recordId,
    });
  else navigate({ name: 'client', clientId: target.clientId });
}

/**
 * Wires the services' pushed events into the stores, once, at start-up. Views never subscribe to
 * the bridge themselves: they read stores, and stores stay current from here.
 */
export function startBridgeSubscriptions(): () => void {
  let wasSignedIn = useSessionStore.getState().phase === 'signed-in';
  const stopSessionWatch = useSessionStore.subscribe((state) => {
    const signedIn = state.phase === 'signed-in';
    if (wasSignedIn && !signedIn) clearSignedInState();
    if (!wasSignedIn && signedIn) {
      if (useLockStore.getState().status === 'unknown') void useLockStore.getState().load();
      void useSyncStore.getState().load();
      void useInboxStore.getState().loadCount();
      void useNotificationsStore.getState().load();
      void useNoticesStore.getState().load();
    }
    wasSignedIn = signedIn;
  });

  // While locked, reads fail and events are ignored; on unlock everything is read again.
  let wasLocked = useLockStore.getState().status === 'locked';
  const stopLockWatch = useLockStore.subscribe((state) => {
    const locked = state.status === 'locked';
    if (wasLocked && state.status === 'unlocked') {
      void useSyncStore.getState().load();
      void useInboxStore.getState().loadCount();
      refreshOpenViews();
    }
    wasLocked = locked;
  });

  const unsubscribers = [
    stopSessionWatch,
    stopLockWatch,
    bridge.on('session:changed', (session) => useSessionStore.getState().setSession(session)),
    bridge.on('session:lock', (state) => useLockStore.getState().set(state)),
    onLockedAnswer(() => {
      if (useSessionStore.getState().phase === 'signed-in') useLockStore.getState().lockedByAnswer();
    }),
    bridge.on('sync:status', (status) => useSyncStore.getState().set(status)),
    bridge.on('data:changed', ({ collections }) => {
      if (!canRead()) return;
      if (collections.some((name) => LIST_COLLECTIONS.has(name)))
        void useClientSearchStore.getState().refresh();
      if (collections.some((name) => PROFILE_COLLECTIONS.has(name))) void useProfileStore.getState().reload();
      if (collections.some((name) => MESSAGE_COLLECTIONS.has(name))) refreshMessaging();
      if (touches(collections, REQUEST_COLLECTIONS)) void useRequestsStore.getState().reload();
      if (touches(collections, RECORD_COLLECTIONS)) void useRecordsStore.getState().reload();
      if (touches(collections, NOTIFICATION_COLLECTIONS)) {
        void useNotificationsStore.getState().load();
        void useInboxStore.getState().loadCount();
      }
      if (touches(collections, MASS_SEND_COLLECTIONS)) {
        void useMassSendStore.getState().refresh();
        void useMassSendJobsStore.getState().refresh();
      }
    }),
    bridge.on('app:navigate', navigateTo),
    bridge.on('notices:changed', (notices) => useNoticesStore.getState().set(notices)),
    // Events pushed while the socket was down are lost, so everything is read again on reconnect.
    bridgeConnection.subscribe((state) => {
      if (state !== 'open') return;
      void useSessionStore
        .getState()
        .load()
        .then(async () => {
          if (useSessionStore.getState().phase !== 'signed-in') return;
          // The lock may have changed while the socket was down.
          await useLockStore.getState().load();
          if (!canRead()) return;
          void useSyncStore.getState().load();
          void useNoticesStore.getState().load();
          refreshOpenViews();
        });
    }),
  ];

  void useSessionStore.getState().load();
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
