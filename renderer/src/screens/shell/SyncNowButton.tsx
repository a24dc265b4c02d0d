import { Icon } from '../../components/Icon';
import { useSyncStore } from '../../stores/sync-store';
import { useBridgeConnection } from '../../stores/use-bridge-connection';

export function SyncNowButton() {
  const requested = useSyncStore((state) => state.requested);
  const syncing = useSyncStore((state) => state.status?.state === 'syncing');
  const syncNow = useSyncStore((state) => state.syncNow);
  const connection = useBridgeConnection();
  const busy = requested || syncing;
  return (
    <button
      type="button"
      className="button button--ghost sync-now"
      onClick={() => void syncNow()}
      disabled={requested || connection !== 'open'}
      aria-busy={busy}
      title="Sync now"
    >
      <Icon name="refresh" size={18} className={busy ? 'spin' : undefined} />
      <span className="sync-now__label">Sync now</span>
    </button>
  );
}
