-- Mail that does not reach a reviewer gives their reminders back to their devices (issue 12).
-- Undone by dropping the column.
--
-- Set when a mail to the member is not delivered (refused, or the SMTP server down), cleared when
-- one is: while it is set, pulls tell the member's devices that the server does not mail their
-- reminders, so the extension reminds them itself rather than nobody doing it.
ALTER TABLE members ADD COLUMN mail_failing_since timestamptz;
