import type {
  ReplicatedCollection,
  ReplicatedDocs,
  WithDeletedFlag,
} from '../../../shared/replication/documents';
import type { PushRow } from '../../../shared/replication/protocol';
import type { PushOutcome } from '../collection-handler';

/**
 * Collections the desktop only reads. A push to one is refused row by row; the current server
 * state comes back as the conflict so the desktop's copy returns to it.
 */
export async function refuseAllPushes<C extends ReplicatedCollection>(
  rows: PushRow<C>[],
  currentState: (ids: string[]) => Promise<WithDeletedFlag<ReplicatedDocs[C]>[]>,
  message: string,
): Promise<PushOutcome<C>> {
  const ids = rows.map((row) => row.newDocumentState.id).filter((id) => typeof id === 'string');
  const current = await currentState(ids);
  return {
    conflicts: current,
    refusals: ids.map((id) => ({ id, message })),
    changed: false,
  };
}
