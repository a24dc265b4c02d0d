import { Icon } from '../../components/Icon';
import { useSyncStore } from '../../stores/sync-store';

/** Staff keep working offline; this only tells them their changes are safe and waiting. */
export function OfflineBanner() {
  const offline = useSyncStore((state) => state.status?.state === 'offline');
  if (!offline) return null;
  return (
    <div className="offline-banner">
      <Icon name="cloudOff" size={18} />
      <p>You're offline. Changes are saved on this computer and sync when the connection returns.</p>
    </div>
  );
}
