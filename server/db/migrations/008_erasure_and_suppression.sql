-- Privacy (issue 11): erasing a person deletes their rows (no tombstones with content) and
-- leaves only what devices need to delete their copies; the team's secret for the suppression
-- list's keyed hashes; an audit log of erasures by hashed key only.
-- Undone by dropping the three tables, the column and the index; an erasure itself cannot be undone.

-- A row an erasure deleted: its kind and id (ULIDs, nothing about the person) and the version
-- of the erasure, so a pull after `version` tells the device to delete its copy.
CREATE TABLE erased_rows (
  team_id text NOT NULL REFERENCES teams (id),
  kind text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (team_id, kind, id)
);
CREATE INDEX erased_rows_team_version ON erased_rows (team_id, version);
-- Every push asks whether its mutations name an erased row, by id alone.
CREATE INDEX erased_rows_team_id ON erased_rows (team_id, id);

-- Who erased (NULL: the team's retention rule) and when; the person only as keyed hashes of their
-- profile keys, so an erasure can be shown to have happened without keeping whom.
CREATE TABLE erasure_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  erased_by text REFERENCES members (id),
  erased_at timestamptz NOT NULL DEFAULT now(),
  key_hashes text[] NOT NULL,
  rows_erased integer NOT NULL,
  cause text NOT NULL CHECK (cause IN ('request', 'retention', 'notice_deadline'))
);
CREATE INDEX erasure_log_team ON erasure_log (team_id, erased_at);

-- The key of the team's HMACs (suppression list, audit log); made by the server when first needed
-- and sent to the team's signed-in devices, which check pages against the list locally.
ALTER TABLE teams ADD COLUMN suppression_secret text;

-- Every row that names one person (activities, notes, pipeline entries, follow-ups, decisions,
-- aliases), found without reading the team's whole history: erasure and retention.
CREATE INDEX entities_person ON entities (team_id, (doc ->> 'prospectId'));

-- The suppression list by hash: a push that records a person checks their keys and emails.
CREATE INDEX entities_suppression_hashes ON entities USING gin ((doc -> 'hashes')) WHERE kind = 'suppression';

-- Every run of a team's retention rule (daily, server/privacy/retention.ts): when, the months
-- the team had set, and how many people it erased (who is in erasure_log, by hashed key only).
CREATE TABLE retention_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  ran_at timestamptz NOT NULL DEFAULT now(),
  months integer NOT NULL,
  cutoff timestamptz NOT NULL,
  people_erased integer NOT NULL
);
CREATE INDEX retention_runs_team ON retention_runs (team_id, ran_at);
