-- Mail from the server and the review link (issue 12). Undone by dropping the trigger, its
-- function and the four tables; mail_queue, mail_log and review_links hold data about members
-- (addresses, names in subjects), never about candidates beyond the request's ids.

-- Secrets the server keeps in the database, so every process behind a load balancer signs and
-- checks review links with the same key. Made by the server at start (server/review-link/secret.ts).
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One mail to send. The unique key is what makes a mail go at most once per request, reviewer,
-- kind and due slot ('' for a one-off mail, the due time of a reminder), whoever queues it.
-- A sender claims rows with a lease (leased_until); a row whose lease ran out is claimed again.
CREATE TABLE mail_queue (
  id bigserial PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  request_id text NOT NULL,
  reviewer_id text NOT NULL REFERENCES members (id),
  kind text NOT NULL CHECK (kind IN ('review_request', 'reassigned', 'reminder', 'nudge')),
  due_slot text NOT NULL DEFAULT '',
  send_after timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  leased_until timestamptz,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, request_id, reviewer_id, kind, due_slot)
);
CREATE INDEX mail_queue_due ON mail_queue (send_after) WHERE status = 'queued';

-- What went to whom and when: one row per attempt, sent, retried, failed or skipped.
CREATE TABLE mail_log (
  id bigserial PRIMARY KEY,
  mail_id bigint NOT NULL REFERENCES mail_queue (id) ON DELETE CASCADE,
  team_id text NOT NULL REFERENCES teams (id),
  recipient text,
  subject text,
  status text NOT NULL CHECK (status IN ('sent', 'retry', 'failed', 'skipped')),
  error text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_log_team_at ON mail_log (team_id, at);

-- A review link: one per request and reviewer. The token is this id signed with the server's
-- secret, so nothing secret is stored; revoking sets revoked_at.
CREATE TABLE review_links (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  request_id text NOT NULL,
  reviewer_id text NOT NULL REFERENCES members (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by text REFERENCES members (id),
  UNIQUE (team_id, request_id, reviewer_id)
);

-- A new open review request queues its mail in the transaction that stores it, on either push
-- path and for the admin tools alike: nothing that creates a request can forget to. A request
-- that continues a reassigned one is the 'reassigned' mail to its new reviewer. NOTIFY wakes the
-- senders at commit.
CREATE FUNCTION tandem_queue_review_mail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind)
  SELECT NEW.team_id, NEW.id, m.id, CASE WHEN NEW.doc->>'reassignedFrom' IS NULL THEN 'review_request' ELSE 'reassigned' END
    FROM members m WHERE m.team_id = NEW.team_id AND m.id = NEW.doc->>'reviewerId'
  ON CONFLICT DO NOTHING;
  PERFORM pg_notify('tandem_mail', NEW.team_id);
  RETURN NULL;
END $$;
CREATE TRIGGER entities_queue_review_mail AFTER INSERT ON entities
  FOR EACH ROW WHEN (NEW.kind = 'review_request' AND NEW.doc->>'status' = 'open' AND NEW.doc->>'deletedAt' IS NULL)
  EXECUTE FUNCTION tandem_queue_review_mail();

-- A reviewer who turned review mail off (from the link's mail settings page); NULL: mail on.
ALTER TABLE members ADD COLUMN review_mail_off_at timestamptz;

-- The link's page reads a person's team notes and earlier decisions by their id.
CREATE INDEX entities_prospect_rows ON entities (team_id, kind, (doc->>'prospectId')) WHERE kind IN ('note', 'activity');
