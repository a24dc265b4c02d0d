import type { SenderKind } from '../replication/documents';
import type { RichTextDocument } from '../rich-text/model';

/** One conversation as the Inbox and the client's Messages tab list it. */
export interface InboxEntry {
  threadId: string;
  clientId: string;
  clientName: string;
  clientPhotoFileId: string;
  /** The staff member on the thread (the viewer in their own Inbox). */
  staffId: string;
  staffName: string;
  /** Who wrote the latest message. */
  senderName: string;
  lastSenderKind: SenderKind;
  lastMessageAt: string;
  preview: string;
  /** Unread for the viewer: only ever true in the viewer's own threads. */
  unread: boolean;
  private: boolean;
  /** Whether the client has a Customer Portal account now (from the cache). */
  clientPortalConnected: boolean;
  /** Some message here waits for the client to connect to the Customer Portal: not delivered yet. */
  undelivered: boolean;
  /** Every Inbox entry here is a Customer Portal conversation. */
  label: 'PORTAL';
}

/**
 * What waits in the viewer's Inbox: the Unread tab's count is `conversations` (its rows), the
 * Notifications tab's is `notifications` (its unread rows), and the Inbox badge is `total`, each
 * counted once. Made in one place (main's inbox-counts.ts); the renderer only shows the numbers.
 */
export interface InboxCounts {
  conversations: number;
  notifications: number;
  total: number;
}

export interface MessageView {
  id: string;
  senderKind: SenderKind;
  senderName: string;
  sentAt: string;
  /**
   * When the client could first read it: when it was sent, or later when they joined the Customer
   * Portal. Null while it waits for them to connect.
   */
  deliveredAt: string | null;
  /** When the client first had it on their screen in the Customer Portal; null until then. */
  seenAt: string | null;
  /** Sanitized by the server; the renderer still renders it only through the shared sanitizer. */
  bodyHtml: string;
}

export type OutboxState = 'waiting' | 'sending' | 'failed';

/** A message written on this desktop that the server has not accepted yet. */
export interface OutboxEntry {
  id: string;
  clientId: string;
  /** Empty for the first message to a client. */
  threadId: string;
  html: string;
  createdAt: string;
  state: OutboxState;
  /** Why the server refused it, when state is failed. */
  error: string | null;
}

export interface ThreadView {
  entry: InboxEntry;
  /** Oldest first. */
  messages: MessageView[];
  /** This desktop's messages still waiting to send in this thread, oldest first. */
  outbox: OutboxEntry[];
  /** Whether the viewer may answer here: it is their own conversation. */
  canReply: boolean;
}

/** A message being written, kept on this computer until it is sent or discarded. */
export interface DraftView {
  key: string;
  clientId: string;
  threadId: string;
  content: RichTextDocument;
  updatedAt: string;
}

/** Draft keys: one new-message draft per client, one reply draft per thread. */
export const newMessageDraftKey = (clientId: string) => `new:${clientId}`;
export const replyDraftKey = (threadId: string) => `reply:${threadId}`;

/** The MY INFO settings, plus this desktop's own notification setting. */
export interface StaffSettings {
  /** Allow Client Initiated Contact: clients whose care team includes this staff member may write to them. */
  allowClientContact: boolean;
  /** Display in Customer Portal: clients see this staff member on their care team. */
  displayInPortal: boolean;
  /** Show an OS notification when a client writes (this computer only). */
  osNotifications: boolean;
  /** Lock Portico after this many minutes without input (this computer only). */
  idleLockMinutes: number;
}

/** Where a click on an OS notification takes the person. */
export type NavigationTarget =
  | { to: 'thread'; threadId: string }
  | { to: 'client'; clientId: string }
  | { to: 'record'; clientId: string; recordId: string; kind: import('./requests').RecordKind };
