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

/**
 * One field a desktop changed: the value it started from (the server's value as the desktop last
 * knew it) and when the staff member made the change, by the desktop's clock. The server uses
 * `from` to see whether someone else changed the field meanwhile, and `at` to keep the later of two
 * such edits (docs/architecture.md, "Concurrent edits").
 */
export interface FieldEdit {
  from: EditableClientFieldValue;
  at: string;
}

/** The fields of a client record a desktop may change (the rest are the server's). */
export const EDITABLE_CLIENT_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'phone',
  'email',
  'shared',
] as const;
export type EditableClientField = (typeof EDITABLE_CLIENT_FIELDS)[number];
/** The values those fields hold: text, and the sharing setting. */
export type EditableClientFieldValue = string | boolean;

/** Longest text a `from` may carry: the longest editable client field (an email) is 200. */
export const MAX_FIELD_EDIT_TEXT = 500;
/** More fields than any replicated document has that a desktop may change. */
export const MAX_FIELD_EDITS = 20;

/**
 * The shape of a row's `fieldEdits`; which fields a collection takes, and of what type, its
 * handler checks. The time is ISO 8601 with an offset; the server reads it as an instant.
 */
export const fieldEditsSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'Each edited field is named by its document key.'),
    z
      .object({
        from: z.union([z.string().max(MAX_FIELD_EDIT_TEXT), z.boolean()]),
        at: z.iso.datetime({ offset: true, error: 'Each edit’s time (at) must be an ISO date and time.' }),
      })
      .strict(),
  )
  .refine(
    (edits) => Object.keys(edits).length <= MAX_FIELD_EDITS,
    `At most ${MAX_FIELD_EDITS} edited fields.`,
  );

export interface PushRow<C extends ReplicatedCollection> {
  assumedMasterState?: WithDeletedFlag<ReplicatedDocs[C]>;
  newDocumentState: WithDeletedFlag<ReplicatedDocs[C]>;
  /** Clients only: each field this desktop changed, with the value it started from and when. */
  fieldEdits?: Record<string, FieldEdit>;
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
  /**
   * Rows the server merged itself (clients: concurrent edits resolved field by field). Their
   * entry in `conflicts` is the outcome, final: the desktop takes it and the edit is settled.
   */
  merged?: string[];
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
