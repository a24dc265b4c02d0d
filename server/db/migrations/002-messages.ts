import type { Migration } from './index';

// The same four replicated columns as 001 (see the comment there for what each one is for).
const replicatedColumns = `
  seq bigint NOT NULL DEFAULT 0,
  access_seq bigint NOT NULL DEFAULT 0,
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()`;

const replicatedTables = ['threads', 'messages'];

/**
 * Customer Portal messaging: conversations between a client and a staff member, their messages,
 * the pictures messages show, and the clients' own portal accounts and sessions.
 */
export const messagesSchema: Migration = {
  id: 2,
  name: 'portal messages',
  statements: [
    // Photos were the only files so far; message pictures are uploaded by staff (files.created_by).
    `ALTER TABLE files ADD COLUMN kind text NOT NULL DEFAULT 'photo' CHECK (kind IN ('photo', 'attachment'))`,
    /*
     * One conversation per client and staff member, so a client's messages to their case manager
     * always land in one place. agency_id is the staff member's agency at the time: a private
     * thread stays within it. client_unread is the portal's "new" mark and never leaves the server.
     */
    `CREATE TABLE threads (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL REFERENCES clients(id),
       staff_id uuid NOT NULL REFERENCES users(id),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       private boolean NOT NULL DEFAULT false,
       started_by text NOT NULL CHECK (started_by IN ('staff', 'client')),
       last_message_at timestamptz NOT NULL DEFAULT now(),
       last_message_preview text NOT NULL DEFAULT '',
       last_sender_kind text NOT NULL CHECK (last_sender_kind IN ('staff', 'client')),
       staff_unread boolean NOT NULL DEFAULT false,
       client_unread boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns},
       UNIQUE (client_id, staff_id)
     )`,
    'CREATE INDEX threads_staff ON threads (staff_id)',
    /*
     * client_id, agency_id and private repeat the thread's so a message's visibility is decided
     * from its own row and its client, like every other replicated row. The id comes from the
     * sender (the desktop's outbox, the portal page), which makes a resend after a lost answer
     * harmless.
     */
    `CREATE TABLE messages (
       id uuid PRIMARY KEY,
       thread_id uuid NOT NULL REFERENCES threads(id),
       client_id uuid NOT NULL REFERENCES clients(id),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       private boolean NOT NULL DEFAULT false,
       sender_kind text NOT NULL CHECK (sender_kind IN ('staff', 'client')),
       sender_staff_id uuid REFERENCES users(id),
       body_html text NOT NULL,
       body_text text NOT NULL,
       sent_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns},
       CHECK ((sender_kind = 'staff') = (sender_staff_id IS NOT NULL))
     )`,
    'CREATE INDEX messages_thread ON messages (thread_id, sent_at)',
    'CREATE INDEX messages_client ON messages (client_id)',
    // Which pictures a message shows: whoever may read the message may fetch them.
    `CREATE TABLE message_attachments (
       message_id uuid NOT NULL REFERENCES messages(id),
       file_id uuid NOT NULL REFERENCES files(id),
       PRIMARY KEY (message_id, file_id)
     )`,
    'CREATE INDEX message_attachments_file ON message_attachments (file_id)',
    // A client's Customer Portal sign-in: one account per client.
    `CREATE TABLE client_accounts (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL UNIQUE REFERENCES clients(id),
       username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 100),
       password_hash text NOT NULL,
       active boolean NOT NULL DEFAULT true,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    // As for staff sessions, only a hash of each token is kept.
    `CREATE TABLE client_sessions (
       token_hash text PRIMARY KEY,
       account_id uuid NOT NULL REFERENCES client_accounts(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       revoked_at timestamptz
     )`,
    'CREATE INDEX client_sessions_account ON client_sessions (account_id)',
    ...replicatedTables.flatMap((table) => [
      `CREATE INDEX ${table}_seq ON ${table} (seq, id)`,
      `CREATE TRIGGER ${table}_stamp BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION portico_stamp_change()`,
    ]),
  ],
};
