import { z } from 'zod';
import type {
  ReplicatedCollection,
  ReplicatedDocs,
  ReplicationCheckpoint,
  WithDeletedFlag,
} from './documents';
import { REPLICATED_COLLECTIONS } from './documents';

/** Largest batch a desktop may ask for in one pull or push; bigger requests are a 400. */
export const MAX_REPLICATION_BATCH = 1000;

export const collectionNameSchema = z.enum(REPLICATED_COLLECTIONS);

export const checkpointSchema = z.object({
  txid: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

export const pullQuerySchema = z.object({
  txid: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  seq: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_REPLICATION_BATCH).default(200),
});

export const checksumQuerySchema = z.object({
  txid: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  seq: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
});

/**
 * What a desktop caught up to a checkpoint should hold of one collection: how many live documents
 * and the sum of their hashes modulo 2^32 (a document's hash: the first 32 bits of
 * md5(`${id}:${serverSeq}`), unsigned). `behind`: the server has changes after the checkpoint, so
 * there is nothing to compare yet.
 */
export interface ChecksumResponse {
  behind: boolean;
  count: number;
  checksum: number;
}

export interface PullResponse<C extends ReplicatedCollection> {
  documents: WithDeletedFlag<ReplicatedDocs[C]>[];
  checkpoint: ReplicationCheckpoint | null;
  /**
   * With the first page of a pull from the start only: how many documents the whole pull will
   * bring (about: writes meanwhile add to it), so a first sync can show its progress.
   */
  total?: number;
}

export interface PushRow<C extends ReplicatedCollection> {
  assumedMasterState?: WithDeletedFlag<ReplicatedDocs[C]>;
  newDocumentState: WithDeletedFlag<ReplicatedDocs[C]>;
}

/** A push the server refused outright (not a concurrent edit): the desktop drops it and tells the person why. */
export interface PushRefusal {
  id: string;
  message: string;
}

export interface PushResponse<C extends ReplicatedCollection> {
  /** Current server state of every document the push could not apply as sent. */
  conflicts: WithDeletedFlag<ReplicatedDocs[C]>[];
  refusals: PushRefusal[];
}

/** One event on the live stream: changes for one collection, or a request to pull again. */
export type StreamEvent =
  | {
      type: 'changes';
      collection: ReplicatedCollection;
      documents: WithDeletedFlag<ReplicatedDocs[ReplicatedCollection]>[];
      checkpoint: ReplicationCheckpoint;
    }
  | { type: 'resync' };
