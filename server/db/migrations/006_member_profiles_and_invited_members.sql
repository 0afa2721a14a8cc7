-- Members set their own name and time zone (the `member.update` mutation writes the synced
-- member entity; the push mirrors name and time zone here, so the two never disagree), and an
-- invited person is a member from the invite on (status `invited` until they first sign in), so
-- they can be named hiring manager or reviewer before they have signed in.

-- NULL: the member follows their device's time zone.
ALTER TABLE members ADD COLUMN time_zone text;

-- When the member first redeemed an invite; NULL while they are only invited. Every member
-- before this migration was made by redeeming an invite.
ALTER TABLE members ADD COLUMN joined_at timestamptz;
UPDATE members SET joined_at = created_at;
