import type { ClientDoc } from '../replication/documents';

/** A row of the client list. */
export interface ClientSummary {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  photoFileId: string;
  agencyName: string;
  shared: boolean;
}

export interface CareTeamMember {
  membershipId: string;
  staffId: string;
  staffName: string;
  title: string;
  label: string;
  startDate: string;
  endDate: string;
  active: boolean;
}

export interface Enrollment {
  membershipId: string;
  programId: string;
  programName: string;
  startDate: string;
  endDate: string;
  active: boolean;
}

/** Everything the client profile shows, assembled from the local cache. */
export interface ClientProfile {
  client: ClientDoc;
  agencyName: string;
  careTeam: CareTeamMember[];
  enrollments: Enrollment[];
  /** Whether the signed-in staff member may edit this record (their own agency's client). */
  editable: boolean;
}

export type SyncState = 'signed-out' | 'connecting' | 'syncing' | 'online' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** When the cache last matched the server, ISO time; null before the first sync. */
  lastSyncedAt: string | null;
  /** Local changes not yet accepted by the server. */
  pendingChanges: number;
  /** What went wrong, in words for the person at the desk. */
  message: string | null;
  /** Changes the server refused, newest first, so nobody wonders where an edit went. */
  refusals: { id: string; collection: string; message: string; at: string }[];
  /**
   * The cache's checksum comparisons with the server (docs/architecture.md "Checksums"): when every
   * collection last matched, and the collections found different (and pulled again), newest first.
   */
  /**
   * While an empty cache is filling (the first sync): documents written so far of the total the
   * server announced, over every collection still filling; null otherwise.
   */
  firstSync: { done: number; total: number } | null;
  integrity: {
    checkedAt: string | null;
    repairs: { collection: string; at: string; expected: number; found: number }[];
  };
}
