-- Nudges by mail and team chat (issue 12). Undone by dropping the triggers, their functions and
-- the two teams columns, and restoring 007's kind check.
--
-- A nudge (review.nudge appends a 'nudged' event to an open request) queues a 'nudge' mail to the
-- request's reviewer in the transaction that stores it, whichever push path stores it. The due
-- slot is the nudge's time, so one nudge is one mail however often the row is written after it;
-- only a nudge newer than the row's last one queues anything (a request nudged before this
-- migration is not mailed about when it next changes). Reminders are queued by the servers'
-- periodic job (server/mail/reminder-queue.ts), not here: they fall due with time, not a write.
CREATE FUNCTION tandem_latest_nudge(doc jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT max((e->>'at')::bigint) FROM jsonb_array_elements(coalesce(doc->'history', '[]'::jsonb)) AS e WHERE e->>'kind' = 'nudged'
$$;

CREATE FUNCTION tandem_queue_nudge_mail() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  latest bigint := tandem_latest_nudge(NEW.doc);
BEGIN
  IF latest IS NULL OR latest <= coalesce(tandem_latest_nudge(OLD.doc), -1) THEN RETURN NULL; END IF;
  INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind, due_slot)
  SELECT NEW.team_id, NEW.id, m.id, 'nudge', latest::text
    FROM members m WHERE m.team_id = NEW.team_id AND m.id = NEW.doc->>'reviewerId'
  ON CONFLICT DO NOTHING;
  PERFORM pg_notify('tandem_mail', NEW.team_id);
  RETURN NULL;
END $$;
CREATE TRIGGER entities_queue_nudge_mail AFTER UPDATE ON entities
  FOR EACH ROW WHEN (NEW.kind = 'review_request' AND NEW.doc->>'status' = 'open' AND NEW.doc->>'deletedAt' IS NULL AND NEW.doc->'history' IS DISTINCT FROM OLD.doc->'history')
  EXECUTE FUNCTION tandem_queue_nudge_mail();

-- Chat: a team's optional Slack-compatible incoming webhook (set by an admin; the URL is a
-- secret, like a token, and is never sent to devices). New requests and reviews that fall
-- overdue are posted through the mail queue, so they are retried, logged and never posted twice.
ALTER TABLE teams ADD COLUMN chat_webhook_url text, ADD COLUMN chat_webhook_set_at timestamptz;
ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_kind_check;
ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_kind_check CHECK (kind IN ('review_request', 'reassigned', 'reminder', 'nudge', 'chat_request', 'chat_overdue'));

CREATE FUNCTION tandem_queue_chat_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind)
  SELECT NEW.team_id, NEW.id, m.id, 'chat_request'
    FROM members m JOIN teams t ON t.id = m.team_id
   WHERE m.team_id = NEW.team_id AND m.id = NEW.doc->>'reviewerId' AND t.chat_webhook_url IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER entities_queue_chat_request AFTER INSERT ON entities
  FOR EACH ROW WHEN (NEW.kind = 'review_request' AND NEW.doc->>'status' = 'open' AND NEW.doc->>'deletedAt' IS NULL)
  EXECUTE FUNCTION tandem_queue_chat_request();
