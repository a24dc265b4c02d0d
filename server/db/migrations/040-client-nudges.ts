import type { Migration } from './index';

/**
 * Nudges (issue 17): an email or a text telling a client that something waits in their portal.
 *
 * - `agency_portal_preferences`: an agency's quiet hours for nudges (minutes after local midnight in
 *   the agency's time zone, default 21:00 to 08:00) and whether clients see staff names in "Who
 *   looked at my record". Not replicated: only the server reads it. An agency without a row uses
 *   the defaults.
 * - `client_nudge_settings`: the client's choice (none, email, sms, both), each address with when it
 *   was verified by a code and when the client stopped it (STOP, the unsubscribe link), their own
 *   quiet hours (null: the agency's), "show details", and the language nudges are written in.
 * - `nudge_verifications`: codes sent to an address before it is used, by their hash, with expiry
 *   and attempts.
 * - `nudges`: one row per nudge to send or sent. While one waits (`pending`) for a client and
 *   channel, new messages and requests are counted into it (the partial unique index), so a batch
 *   is one nudge. `sending` is claimed by one worker; `sent` handed to the provider; `delivered` or
 *   `failed` as the provider reports.
 *
 * A trigger on staff messages (only those delivered: the client has an active portal account) and
 * on requests queues the nudges, so single sends, mass sends and requests all nudge by one rule.
 */
export const clientNudges: Migration = {
  id: 40,
  name: 'nudges by email and text; agency portal preferences',
  statements: [
    `CREATE TABLE agency_portal_preferences (
       agency_id uuid PRIMARY KEY REFERENCES agencies(id),
       quiet_start smallint NOT NULL DEFAULT 1260 CHECK (quiet_start BETWEEN 0 AND 1439),
       quiet_end smallint NOT NULL DEFAULT 480 CHECK (quiet_end BETWEEN 0 AND 1439),
       show_staff_names boolean NOT NULL DEFAULT false,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE client_nudge_settings (
       client_id uuid PRIMARY KEY REFERENCES clients(id),
       channel text NOT NULL DEFAULT 'none' CHECK (channel IN ('none', 'email', 'sms', 'both')),
       email text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
       email_verified_at timestamptz,
       email_stopped_at timestamptz,
       phone text NOT NULL DEFAULT '' CHECK (phone = '' OR phone ~ '^\\+[1-9][0-9]{6,14}$'),
       phone_verified_at timestamptz,
       sms_stopped_at timestamptz,
       show_details boolean NOT NULL DEFAULT false,
       quiet_start smallint CHECK (quiet_start BETWEEN 0 AND 1439),
       quiet_end smallint CHECK (quiet_end BETWEEN 0 AND 1439),
       language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
       changed_by_kind text NOT NULL DEFAULT 'client' CHECK (changed_by_kind IN ('client', 'staff')),
       changed_by uuid,
       updated_at timestamptz NOT NULL DEFAULT now(),
       CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
     )`,
    "CREATE INDEX client_nudge_settings_phone ON client_nudge_settings (phone) WHERE phone <> ''",
    `CREATE TABLE nudge_verifications (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL REFERENCES clients(id),
       channel text NOT NULL CHECK (channel IN ('email', 'sms')),
       destination text NOT NULL,
       code_hash text NOT NULL,
       expires_at timestamptz NOT NULL,
       attempts integer NOT NULL DEFAULT 0,
       consumed_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX nudge_verifications_client ON nudge_verifications (client_id, channel, created_at DESC)',
    `CREATE TABLE nudges (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL REFERENCES clients(id),
       channel text NOT NULL CHECK (channel IN ('email', 'sms')),
       status text NOT NULL DEFAULT 'pending'
         CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
       items integer NOT NULL DEFAULT 1,
       agency_id uuid REFERENCES agencies(id),
       first_item_at timestamptz NOT NULL DEFAULT now(),
       due_at timestamptz,
       claimed_at timestamptz,
       attempts integer NOT NULL DEFAULT 0,
       destination text NOT NULL DEFAULT '',
       provider_id text,
       provider_status text NOT NULL DEFAULT '',
       last_error text NOT NULL DEFAULT '',
       unsubscribe_hash text UNIQUE,
       sent_at timestamptz,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE UNIQUE INDEX nudges_one_pending ON nudges (client_id, channel) WHERE status = 'pending'`,
    `CREATE INDEX nudges_open ON nudges (status, due_at) WHERE status IN ('pending', 'sending')`,
    'CREATE INDEX nudges_client ON nudges (client_id, updated_at DESC)',
    'CREATE INDEX nudges_provider ON nudges (provider_id) WHERE provider_id IS NOT NULL',
    `CREATE FUNCTION portico_queue_nudge() RETURNS trigger AS $$
     BEGIN
       -- Nested: NEW of a request has no sender_kind, and plpgsql does not promise to stop at the AND.
       IF TG_TABLE_NAME = 'messages' THEN
         IF NEW.sender_kind <> 'staff' OR NEW.delivered_at IS NULL THEN
           RETURN NULL;
         END IF;
       END IF;
       INSERT INTO nudges (client_id, channel, agency_id)
       SELECT s.client_id, ch.channel, NEW.agency_id
         FROM client_nudge_settings s
         CROSS JOIN LATERAL unnest(CASE s.channel WHEN 'email' THEN ARRAY['email'] WHEN 'sms' THEN ARRAY['sms']
                                   WHEN 'both' THEN ARRAY['email', 'sms'] ELSE ARRAY[]::text[] END) AS ch(channel)
        WHERE s.client_id = NEW.client_id
          AND ((ch.channel = 'email' AND s.email_verified_at IS NOT NULL AND s.email_stopped_at IS NULL)
            OR (ch.channel = 'sms' AND s.phone_verified_at IS NOT NULL AND s.sms_stopped_at IS NULL))
          AND EXISTS (SELECT 1 FROM client_accounts a WHERE a.client_id = NEW.client_id AND a.active)
       ON CONFLICT (client_id, channel) WHERE status = 'pending'
         DO UPDATE SET items = nudges.items + 1, agency_id = EXCLUDED.agency_id, updated_at = now();
       RETURN NULL;
     END
     $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER messages_queue_nudge AFTER INSERT ON messages
       FOR EACH ROW EXECUTE FUNCTION portico_queue_nudge()`,
    `CREATE TRIGGER portal_requests_queue_nudge AFTER INSERT ON portal_requests
       FOR EACH ROW EXECUTE FUNCTION portico_queue_nudge()`,
  ],
};
