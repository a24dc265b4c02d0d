import { useCallback, useId, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { useDismiss } from '../../lib/use-dismiss';
import { useNow } from '../../lib/use-now';
import { useSyncStore } from '../../stores/sync-store';
import { useBridgeConnection } from '../../stores/use-bridge-connection';
import { SyncDetails } from './SyncDetails';
import { lastSyncedText, pendingText, presentSync } from './sync-text';

/** The top bar's sync state; opens details, including any change the server refused. */
export function SyncIndicator() {
  const status = useSyncStore((state) => state.status);
  const connection = useBridgeConnection();
  const now = useNow();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const statusId = useId();
  const refusedId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, triggerRef, panelRef);

  const shown = presentSync(status, connection);
  const pending = status?.pendingChanges ?? 0;
  const refused = status?.refusals.length ?? 0;

  return (
    <div className="sync">
      <button
        ref={triggerRef}
        type="button"
        className={`sync__trigger sync--${shown.tone}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="dialog"
        // Chromium leaves a live region out of its parent's name, so the name is pointed at explicitly.
        aria-labelledby={refused > 0 ? `${statusId} ${refusedId}` : statusId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="sync__icon">
          <Icon name={shown.icon} size={18} className={shown.spinning ? 'spin' : undefined} />
        </span>
        <span id={statusId} className="sync__text" role="status">
          <span className="sync__label">{shown.label}</span>
          <span className="sync__detail">
            {pending > 0 ? pendingText(pending) : lastSyncedText(status, now)}
          </span>
        </span>
        {refused > 0 && (
          <span id={refusedId} className="pill pill--danger sync__refused">
            {plural(refused, 'change', 'changes')} not saved
          </span>
        )}
        <Icon name="chevronDown" size={16} className="sync__chevron" />
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className="popover sync__panel"
          role="dialog"
          aria-label="Sync details"
        >
          <SyncDetails status={status} connection={connection} now={now} />
        </div>
      )}
    </div>
  );
}
