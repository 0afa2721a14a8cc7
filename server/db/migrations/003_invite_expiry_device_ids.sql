-- Invites expire, and devices get an id an admin can name (the token hash is no name to show).
-- Not undone by a later migration: dropping the columns would make expired codes good again.

ALTER TABLE invites ADD COLUMN expires_at timestamptz;
-- Invites made before this get the default week, counted from when they were made.
UPDATE invites SET expires_at = created_at + interval '7 days';
ALTER TABLE invites ALTER COLUMN expires_at SET NOT NULL;

-- Random, so any few leading characters tell devices apart (ULIDs made together share theirs).
ALTER TABLE devices ADD COLUMN id text NOT NULL DEFAULT gen_random_uuid()::text;
ALTER TABLE devices ADD CONSTRAINT devices_id_unique UNIQUE (id);
