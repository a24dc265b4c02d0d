import type { ReplicatedCollection } from '../../shared/replication/documents';

/** How big the generated agency is; the scale is FULL_SCALE. */
export interface WorldScale {
  clients: number;
  messages: number;
  requests: number;
  /** Staff members of the agency, the measured one included; each can hold a live stream. */
  staff: number;
}

export const FULL_SCALE: WorldScale = { clients: 20_000, messages: 200_000, requests: 40_000, staff: 200 };

export const BENCH_PASSWORD = 'Portico#2026';

/** What the figures need to know about the generated agency. */
export interface BenchWorld {
  seed: number;
  scale: WorldScale;
  /** The newest message is just before this instant (ISO). */
  anchor: string;
  agencyId: string;
  /** The staff member every figure is measured for: sees all of the agency's records. */
  staff: { id: string; username: string; password: string };
  /** The other staff members, who hold the other live streams. */
  colleagueIds: string[];
  /** An agency of its own, invisible to the bench staff, where floors may commit rows. */
  floor: { agencyId: string; staffId: string; clientId: string; threadId: string };
  /** Clients signed in to the Customer Portal, each with a conversation with the bench staff member. */
  portalClients: { clientId: string; threadId: string; token: string }[];
  /** How many documents of each collection the bench staff member may see: what a full sync brings. */
  visibleCounts: Record<ReplicatedCollection, number>;
}
