-- The poke channel (server/poke): every server process LISTENs, so a write committed through
-- any process (or the admin CLI on the database directly) reaches the devices connected to all
-- of them. Triggers rather than NOTIFY calls in the code: nothing that bumps a team's version or
-- ends a device's access can forget to say so. A NOTIFY is delivered only when its transaction
-- commits, so a rolled-back push pokes nobody.
-- Undone by dropping the triggers and functions; no data changes.

-- "<team id>:<version>". Postgres folds identical notifications of one transaction into one.
CREATE FUNCTION tandem_notify_team_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tandem_team_version', NEW.id || ':' || NEW.version);
  RETURN NULL;
END $$;
CREATE TRIGGER teams_version_notify AFTER UPDATE OF version ON teams
  FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version) EXECUTE FUNCTION tandem_notify_team_version();

-- "device:<device id>" or "member:<member id>": the connections they hold are closed.
CREATE FUNCTION tandem_notify_access_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tandem_access_revoked', (CASE TG_TABLE_NAME WHEN 'devices' THEN 'device:' ELSE 'member:' END) || NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER devices_revoked_notify AFTER UPDATE OF revoked_at ON devices
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL) EXECUTE FUNCTION tandem_notify_access_revoked();
CREATE TRIGGER members_revoked_notify AFTER UPDATE OF revoked_at ON members
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL) EXECUTE FUNCTION tandem_notify_access_revoked();
