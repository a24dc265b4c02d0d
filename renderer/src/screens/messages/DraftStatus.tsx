import { Icon } from '../../components/Icon';
import type { DraftSaveState } from './use-draft';

/** A quiet note beside the send button saying whether what is written is safe on this computer. */
export function DraftStatus({ state }: { state: DraftSaveState }) {
  return (
    <p className={`draft-status draft-status--${state}`} role="status">
      {state === 'saving' && 'Saving draft…'}
      {state === 'saved' && (
        <>
          <Icon name="check" size={14} />
          Draft saved
        </>
      )}
      {state === 'error' && (
        <>
          <Icon name="warning" size={14} />
          Draft not saved. Keep this window open and try again.
        </>
      )}
    </p>
  );
}
