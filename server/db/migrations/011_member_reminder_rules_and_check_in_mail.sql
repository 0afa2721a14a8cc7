-- A member's own reminder rules and the weekly check-in by mail (issue 12). Undone by dropping
-- the five members columns and restoring 009's kind check (after deleting 'check_in' rows).
--
-- Working days (ISO weekdays) and quiet hours the server's reminder mail follows, as the
-- extension does; NULL: the defaults (Monday to Friday, 19:00–08:00). Mirrored from the
-- member's synced record (member.update), like name and time zone.
ALTER TABLE members
  ADD COLUMN working_days smallint[],
  ADD COLUMN quiet_start text,
  ADD COLUMN quiet_end text,
  -- The recruiter's weekly check-in by mail: the weekday (1 = Monday) and time in their time
  -- zone; NULL: not mailed.
  ADD COLUMN check_in_weekday smallint,
  ADD COLUMN check_in_time text;

-- A check-in mail: request_id holds the requisition, reviewer_id the recruiter, due_slot the
-- ISO week ("2026-W49") in their zone, so a week's check-in is one mail whatever changes.
ALTER TABLE mail_queue DROP CONSTRAINT mail_queue_kind_check;
ALTER TABLE mail_queue ADD CONSTRAINT mail_queue_kind_check CHECK (kind IN ('review_request', 'reassigned', 'reminder', 'nudge', 'chat_request', 'chat_overdue', 'check_in'));
