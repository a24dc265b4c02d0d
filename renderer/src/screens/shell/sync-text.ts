import type { SyncState, SyncStatus } from '../../../../shared/domain/views';
import type { BridgeConnectionState } from '../../bridge';
import type { IconName } from '../../components/Icon';
import { formatRelativeTime, plural } from '../../lib/format';

export type SyncTone = 'ok' | 'busy' | 'muted' | 'warning' | 'danger';

export interface SyncPresentation {
  label: string;
  icon: IconName;
  tone: SyncTone;
  spinning: boolean;
}

const BY_STATE: Record<SyncState, SyncPresentation> = {
  online: { label: 'Online', icon: 'cloudCheck', tone: 'ok', spinning: false },
  syncing: { label: 'Syncing…', icon: 'sync', tone: 'busy', spinning: true },
  connecting: { label: 'Connecting…', icon: 'sync', tone: 'busy', spinning: true },
  offline: { label: 'Offline', icon: 'cloudOff', tone: 'muted', spinning: false },
  error: { label: 'Sync problem', icon: 'warning', tone: 'danger', spinning: false },
  'signed-out': { label: 'Signed out', icon: 'cloudOff', tone: 'muted', spinning: false },
};

/**
 * How the top bar shows sync. A dropped bridge socket (browser host restarting) outranks the
 * sync state: until it is back, nothing the services said can be trusted to be current.
 */
export function presentSync(status: SyncStatus | null, connection: BridgeConnectionState): SyncPresentation {
  if (connection !== 'open') return { label: 'Reconnecting…', icon: 'sync', tone: 'warning', spinning: true };
  if (!status) return BY_STATE.connecting;
  if (status.state === 'syncing' && status.firstSync && status.firstSync.total > 0) {
    const { done, total } = status.firstSync;
    return {
      ...BY_STATE.syncing,
      label: `Downloading records: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`,
    };
  }
  return BY_STATE[status.state];
}

export function lastSyncedText(status: SyncStatus | null, now: Date): string {
  if (!status?.lastSyncedAt) return 'Not synced yet';
  return `Last synced ${formatRelativeTime(status.lastSyncedAt, now)}`;
}

export function pendingText(count: number): string {
  return `${plural(count, 'change', 'changes')} waiting to sync`;
}

const COLLECTION_NAMES: Record<string, string> = {
  clients: 'Client record',
  memberships: 'Care team or enrollment',
  directory: 'Staff and programs',
};

export function collectionName(collection: string): string {
  return COLLECTION_NAMES[collection] ?? 'Record';
}
