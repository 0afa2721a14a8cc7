-- The server's sync epoch: a random id sent with every pull. A device whose cursor was taken in
-- another epoch pulls again from zero. `npm run -s admin -- rotate-epoch` makes a new one after
-- a restore from backup (the restored row holds the old epoch); the server also rotates it when
-- the cluster's system identifier or timeline changes (a dump restored elsewhere, a promoted
-- standby, point-in-time recovery).
CREATE TABLE sync_epoch (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  epoch text NOT NULL,
  -- pg_control_system().system_identifier and pg_control_checkpoint().timeline_id when last
  -- seen; NULL until first read (or where those functions may not be called).
  system_identifier text,
  timeline_id bigint,
  rotated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sync_epoch (epoch) VALUES (gen_random_uuid()::text);

-- Bytes of each row's JSON, so a pull page can stop at a byte budget without reading the
-- documents it will not send.
ALTER TABLE entities ADD COLUMN bytes integer GENERATED ALWAYS AS (octet_length(doc::text)) STORED;
