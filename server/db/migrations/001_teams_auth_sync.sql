-- Teams, members and their devices, and the synced records of every team.

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  -- Bumped under this row's lock by every write, so versions become visible in commit order.
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Who may sign in, and with which role. The synced copy (name, role) is an entity of kind 'member'.
CREATE TABLE members (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'recruiter', 'sourcer', 'hiring_manager')),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, email)
);

-- One-time invite codes, stored hashed.
CREATE TABLE invites (
  code_hash text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'recruiter', 'sourcer', 'hiring_manager')),
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  used_by text REFERENCES members (id),
  revoked_at timestamptz
);
CREATE INDEX invites_team_email ON invites (team_id, email);

-- A signed-in browser: its bearer token, stored hashed.
CREATE TABLE devices (
  token_hash text PRIMARY KEY,
  member_id text NOT NULL REFERENCES members (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX devices_member ON devices (member_id);

-- A client's outbox position; a client id belongs to the member who first used it.
CREATE TABLE clients (
  id text PRIMARY KEY,
  member_id text NOT NULL REFERENCES members (id),
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Mutations refused with a reason; they still advanced the client's last_mutation_id.
CREATE TABLE rejections (
  client_id text NOT NULL REFERENCES clients (id),
  mutation_id bigint NOT NULL,
  name text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, mutation_id)
);

-- Every synced record, as the JSON the client stores. Ids are only unique within a team.
CREATE TABLE entities (
  team_id text NOT NULL REFERENCES teams (id),
  kind text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL,
  doc jsonb NOT NULL,
  -- NULL: the whole team may read it; otherwise only this member (a private note).
  visible_to text,
  -- Whether it was ever visible to the team: if so, members who lose sight of it are told.
  ever_public boolean NOT NULL DEFAULT true,
  PRIMARY KEY (team_id, kind, id)
);
CREATE INDEX entities_team_version ON entities (team_id, version);

-- Profile keys (linkedin:<slug>, …) of the team's people, for finding a person by key.
CREATE TABLE prospect_keys (
  team_id text NOT NULL REFERENCES teams (id),
  key text NOT NULL,
  prospect_id text NOT NULL,
  PRIMARY KEY (team_id, key)
);
