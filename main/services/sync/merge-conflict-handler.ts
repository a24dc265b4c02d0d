import { deepEqual, type RxConflictHandler, type WithDeleted } from 'rxdb';

/** Fields the server owns; a desktop's copy of them never wins a merge. */
const SERVER_FIELDS = new Set(['id', 'serverSeq', 'updatedAt', '_deleted', '_meta', '_rev', '_attachments']);

/**
 * Resolves a push the server did not apply as sent.
 * - The server's version is the one the desktop edited (same serverSeq): the server refused the
 *   change on purpose (not allowed, not valid). Its state wins; the refusal is shown to the person.
 * - The server moved on (someone else changed the record meanwhile): a three-way merge keeps both
 *   sides' work. Every field this desktop changed is applied on top of the server's newer version,
 *   so edits to different fields both survive, and for the same field the later push wins.
 */
export function createMergeConflictHandler<T extends { serverSeq: number }>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async ({ newDocumentState, realMasterState, assumedMasterState }) => {
      if (!assumedMasterState || realMasterState.serverSeq === assumedMasterState.serverSeq)
        return realMasterState;
      if (realMasterState._deleted) return realMasterState;
      const merged: Record<string, unknown> = { ...realMasterState };
      const mine = newDocumentState as Record<string, unknown>;
      const base = assumedMasterState as Record<string, unknown>;
      for (const key of Object.keys(mine)) {
        if (SERVER_FIELDS.has(key)) continue;
        if (!deepEqual(mine[key], base[key])) merged[key] = mine[key];
      }
      return merged as WithDeleted<T>;
    },
  };
}

/**
 * For collections whose server merges concurrent edits itself (clients: field by field, the later
 * edit of a field staying, server/replication/collections/clients.ts): whatever the server answers
 * is the outcome, including the refusal of a change, so its state always wins here. Merging again
 * on the desktop would push a value the server had decided against.
 */
export function createServerMergesConflictHandler<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async ({ realMasterState }) => realMasterState,
  };
}
