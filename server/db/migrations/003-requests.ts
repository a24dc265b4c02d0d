import type { Migration } from './index';

// The same four replicated columns as 001 (see the comment there for what each one is for).
const replicatedColumns = `
  seq bigint NOT NULL DEFAULT 0,
  access_seq bigint NOT NULL DEFAULT 0,
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()`;

const replicatedTables = [
  'agency_settings',
  'assessment_definitions',
  'document_categories',
  'portal_requests',
  'client_records',
  'staff_notifications',
];

/**
 * Customer Portal requests: what an agency sets up (assessment definitions, document categories,
 * its ROI term), the requests staff send, the records clients send back (and staff add), and the
 * Inbox notifications that tell a sender a request was fulfilled.
 */
export const requestsSchema: Migration = {
  id: 3,
  name: 'portal requests and client records',
  statements: [
    // Files on a client's record (documents) join photos and message pictures.
    'ALTER TABLE files DROP CONSTRAINT files_kind_check',
    `ALTER TABLE files ADD CONSTRAINT files_kind_check CHECK (kind IN ('photo', 'attachment', 'document'))`,
    // One row per agency; an agency without one uses the defaults (365 days).
    `CREATE TABLE agency_settings (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agency_id uuid NOT NULL UNIQUE REFERENCES agencies(id),
       roi_term_days integer NOT NULL DEFAULT 365 CHECK (roi_term_days BETWEEN 1 AND 3650),
       ${replicatedColumns}
     )`,
    // fields: AssessmentField[] (shared/domain/requests.ts), checked by the server on every write.
    `CREATE TABLE assessment_definitions (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
       description text NOT NULL DEFAULT '',
       fields jsonb NOT NULL DEFAULT '[]',
       portal_enabled boolean NOT NULL DEFAULT true,
       active boolean NOT NULL DEFAULT true,
       created_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns}
     )`,
    'CREATE INDEX assessment_definitions_agency ON assessment_definitions (agency_id)',
    `CREATE TABLE document_categories (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
       predefined_names jsonb NOT NULL DEFAULT '[]',
       active boolean NOT NULL DEFAULT true,
       created_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns}
     )`,
    'CREATE INDEX document_categories_agency ON document_categories (agency_id)',
    /*
     * A request to a client. The id comes from the sender's desktop (its outbox), which makes a
     * resend after a lost answer harmless. agency_id is the sender's agency: a private request
     * stays within it, like a private thread.
     */
    `CREATE TABLE portal_requests (
       id uuid PRIMARY KEY,
       client_id uuid NOT NULL REFERENCES clients(id),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       sender_staff_id uuid NOT NULL REFERENCES users(id),
       type text NOT NULL CHECK (type IN ('assessment', 'document', 'location', 'roi')),
       private boolean NOT NULL DEFAULT false,
       assessment_definition_id uuid REFERENCES assessment_definitions(id),
       document_category_id uuid REFERENCES document_categories(id),
       document_name text NOT NULL DEFAULT '',
       description text NOT NULL,
       status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'viewed', 'completed', 'cancelled', 'expired')),
       sent_at timestamptz NOT NULL DEFAULT now(),
       viewed_at timestamptz,
       completed_at timestamptz,
       cancelled_at timestamptz,
       expires_at timestamptz NOT NULL,
       record_id uuid,
       ${replicatedColumns},
       CHECK ((type = 'assessment') = (assessment_definition_id IS NOT NULL)),
       CHECK ((type = 'document') = (document_category_id IS NOT NULL AND document_name <> '')),
       CHECK ((status = 'completed') = (completed_at IS NOT NULL AND record_id IS NOT NULL)),
       CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
     )`,
    'CREATE INDEX portal_requests_client ON portal_requests (client_id, sent_at)',
    // The expiry sweep looks only at open requests.
    `CREATE INDEX portal_requests_open ON portal_requests (expires_at) WHERE status IN ('sent', 'viewed')`,
    /*
     * Something on a client's record. request_id is unique: one request is fulfilled by one
     * record, so a double submit cannot store two. data holds the kind's RecordData (JSON).
     */
    `CREATE TABLE client_records (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL REFERENCES clients(id),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       kind text NOT NULL CHECK (kind IN ('document', 'assessment', 'location', 'roi')),
       private boolean NOT NULL DEFAULT false,
       request_id uuid UNIQUE REFERENCES portal_requests(id),
       requested_by_staff_id uuid REFERENCES users(id),
       submitted_by text NOT NULL CHECK (submitted_by IN ('client', 'staff')),
       submitted_at timestamptz NOT NULL DEFAULT now(),
       title text NOT NULL,
       data jsonb NOT NULL,
       ${replicatedColumns}
     )`,
    'CREATE INDEX client_records_client ON client_records (client_id, kind)',
    'ALTER TABLE portal_requests ADD CONSTRAINT portal_requests_record FOREIGN KEY (record_id) REFERENCES client_records(id)',
    // The files of a document record; whoever may see the record may fetch them.
    `CREATE TABLE record_files (
       record_id uuid NOT NULL REFERENCES client_records(id),
       file_id uuid NOT NULL UNIQUE REFERENCES files(id),
       position integer NOT NULL,
       PRIMARY KEY (record_id, file_id)
     )`,
    `CREATE TABLE staff_notifications (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       staff_id uuid NOT NULL REFERENCES users(id),
       kind text NOT NULL CHECK (kind IN ('request_fulfilled')),
       client_id uuid NOT NULL REFERENCES clients(id),
       request_id uuid REFERENCES portal_requests(id),
       record_id uuid REFERENCES client_records(id),
       title text NOT NULL,
       body text NOT NULL DEFAULT '',
       read boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns}
     )`,
    'CREATE INDEX staff_notifications_staff ON staff_notifications (staff_id)',
    ...replicatedTables.flatMap((table) => [
      `CREATE INDEX ${table}_seq ON ${table} (seq, id)`,
      `CREATE TRIGGER ${table}_stamp BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION portico_stamp_change()`,
    ]),
  ],
};
