import { ulid } from 'ulidx';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Database } from '@/server/db/database';
import { type Migration, migrate, readMigrations } from '@/server/db/migrate';
import { openPostgres } from '@/server/db/postgres';
import { DATABASE_KINDS, freshDatabase, postgresUrlFor } from './support/databases';

const MIGRATIONS = readMigrations();

async function tables(db: Database): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  return rows.map((r) => r.table_name);
}

async function columns(db: Database, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((r) => r.column_name);
}

async function recorded(db: Database): Promise<{ version: number; name: string }[]> {
  return db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
}

/**
 * What each numbered migration must leave behind, checked on a database migrated up to it.
 * A new migration adds its entry here (the test below fails until it does).
 */
const CHECKS: Record<number, (db: Database) => Promise<void>> = {
  1: async (db) => {
    expect(await tables(db)).toEqual(['clients', 'devices', 'entities', 'invites', 'members', 'prospect_keys', 'rejections', 'schema_migrations', 'teams']);
    expect(await columns(db, 'teams')).toEqual(['id', 'name', 'version', 'created_at']);
    expect(await columns(db, 'devices')).toEqual(['token_hash', 'member_id', 'name', 'created_at', 'last_seen_at', 'revoked_at']);
    expect(await columns(db, 'invites')).toEqual(['code_hash', 'team_id', 'email', 'role', 'created_at', 'used_at', 'used_by', 'revoked_at']);
    expect(await columns(db, 'entities')).toEqual(['team_id', 'kind', 'id', 'version', 'doc', 'visible_to', 'ever_public']);
    // The constraints the server relies on.
    await db.query("INSERT INTO teams (id, name) VALUES ('t1', 'One')");
    await expect(db.query("INSERT INTO teams (id, name) VALUES ('t2', 'One')")).rejects.toThrow(/unique|duplicate/i);
    await expect(db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m1', 't1', 'a@b.c', 'A', 'owner')")).rejects.toThrow(/check constraint/i);
    await expect(db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m1', 'nope', 'a@b.c', 'A', 'admin')")).rejects.toThrow(/foreign key/i);
    const [team] = await db.query<{ version: number }>("SELECT version FROM teams WHERE id = 't1'");
    expect(Number(team!.version)).toBe(0);
  },
  2: async (db) => {
    const indexes = await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'entities_decision_request'");
    expect(indexes).toHaveLength(1);
    expect(indexes[0]!.indexdef).toMatch(/\(doc ->> 'requestId'::text\)\).*WHERE \(kind = 'review_decision'::text\)/);
  },
  3: async (db) => {
    expect(await columns(db, 'invites')).toEqual(['code_hash', 'team_id', 'email', 'role', 'created_at', 'used_at', 'used_by', 'revoked_at', 'expires_at']);
    expect(await columns(db, 'devices')).toEqual(['token_hash', 'member_id', 'name', 'created_at', 'last_seen_at', 'revoked_at', 'id']);
    await db.query("INSERT INTO teams (id, name) VALUES ('t1', 'One')");
    await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m1', 't1', 'a@b.c', 'A', 'admin')");
    // An invite must say when it ends; a new device gets an id of its own.
    await expect(db.query("INSERT INTO invites (code_hash, team_id, email, role) VALUES ('h1', 't1', 'a@b.c', 'admin')")).rejects.toThrow(/not-null|null value/i);
    await db.query("INSERT INTO devices (token_hash, member_id, name) VALUES ('d1', 'm1', 'x'), ('d2', 'm1', 'y')");
    const ids = await db.query<{ id: string }>('SELECT id FROM devices ORDER BY token_hash');
    expect(ids.map((r) => r.id)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/), expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    await expect(db.query("UPDATE devices SET id = $1 WHERE token_hash = 'd2'", [ids[0]!.id])).rejects.toThrow(/unique|duplicate/i);
  },
  4: async (db) => {
    const [row] = await db.query<{ epoch: string }>('SELECT epoch FROM sync_epoch');
    expect(row!.epoch).toMatch(/^[0-9a-f-]{36}$/);
    await expect(db.query("INSERT INTO sync_epoch (epoch) VALUES ('second')")).rejects.toThrow(/duplicate|unique/i);
    await db.query("INSERT INTO teams (id, name) VALUES ('t3', 'Three') ON CONFLICT DO NOTHING");
    await db.query(`INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t3', 'note', 'n', 1, '{"body": "日本"}')`);
    const [sized] = await db.query<{ bytes: number }>("SELECT bytes FROM entities WHERE team_id = 't3' AND id = 'n'");
    expect(sized!.bytes).toBe(Buffer.byteLength('{"body": "日本"}'));
  },
  5: async (db) => {
    const heard: string[] = [];
    const stop = await db.listen(['tandem_team_version', 'tandem_access_revoked'], { onNotify: (channel, payload) => heard.push(`${channel} ${payload}`) });
    try {
      await db.query("INSERT INTO teams (id, name) VALUES ('t5', 'Five') ON CONFLICT DO NOTHING");
      await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m5', 't5', 'a@b.c', 'A', 'admin'), ('n5', 't5', 'b@b.c', 'B', 'admin')");
      await db.query("INSERT INTO devices (token_hash, member_id, name, id) VALUES ('h5', 'm5', 'x', 'dev-5')");
      await db.query("UPDATE teams SET version = version + 1 WHERE id = 't5'");
      await db.query("UPDATE teams SET name = 'Five!' WHERE id = 't5'"); // the version did not move: nothing
      await db.transaction(async (tx) => {
        await tx.query("UPDATE teams SET version = version + 1 WHERE id = 't5'");
        throw new Error('rolled back');
      }).catch(() => undefined);
      await db.query("UPDATE devices SET revoked_at = now() WHERE id = 'dev-5'");
      await db.query("UPDATE devices SET revoked_at = now() WHERE id = 'dev-5'"); // already revoked: nothing
      await db.query("UPDATE members SET revoked_at = now() WHERE id = 'n5'");
      await expect.poll(() => heard.length).toBe(3);
      await new Promise((r) => setTimeout(r, 50));
      expect(heard).toEqual(['tandem_team_version t5:1', 'tandem_access_revoked device:dev-5', 'tandem_access_revoked member:n5']);
    } finally {
      await stop();
    }
  },
  6: async (db) => {
    expect(await columns(db, 'members')).toEqual(['id', 'team_id', 'email', 'name', 'role', 'revoked_at', 'created_at', 'time_zone', 'joined_at']);
    await db.query("INSERT INTO teams (id, name) VALUES ('t6', 'Six')");
    // An invited member: no joined_at yet, no time zone of their own.
    await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m6', 't6', 'e@f.g', 'E', 'hiring_manager')");
    expect(await db.query("SELECT time_zone, joined_at FROM members WHERE id = 'm6'")).toEqual([{ time_zone: null, joined_at: null }]);
  },
  // Issue 12's mail queue and review links.
  7: async (db) => {
    expect(await columns(db, 'mail_queue')).toEqual(['id', 'team_id', 'request_id', 'reviewer_id', 'kind', 'due_slot', 'send_after', 'attempts', 'leased_until', 'status', 'created_at']);
    expect(await columns(db, 'review_links')).toEqual(['id', 'team_id', 'request_id', 'reviewer_id', 'created_at', 'revoked_at', 'revoked_by']);
    await db.query("INSERT INTO teams (id, name) VALUES ('t7', 'Seven')");
    await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m7', 't7', 'hm@f.g', 'H', 'hiring_manager')");
    const request = (id: string, extra: object = {}) => JSON.stringify({ id, reviewerId: 'm7', status: 'open', deletedAt: null, reassignedFrom: null, ...extra });
    // A new open request queues one mail in its own transaction; updates to it and closed or
    // unknown-reviewer requests queue none.
    await db.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t7', 'review_request', 'r1', 1, $1)", [request('r1')]);
    await db.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t7', 'review_request', 'r1', 2, $1) ON CONFLICT (team_id, kind, id) DO UPDATE SET doc = excluded.doc", [request('r1')]);
    await db.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t7', 'review_request', 'r2', 3, $1)", [request('r2', { reassignedFrom: 'r1' })]);
    await db.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t7', 'review_request', 'r3', 4, $1)", [request('r3', { status: 'cancelled' })]);
    await db.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t7', 'review_request', 'r4', 5, $1)", [request('r4', { reviewerId: 'nobody' })]);
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t7', 'review_request', 'r5', 6, $1)", [request('r5')]);
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await db.query('SELECT request_id, reviewer_id, kind, status FROM mail_queue ORDER BY request_id')).toEqual([
      { request_id: 'r1', reviewer_id: 'm7', kind: 'review_request', status: 'queued' },
      { request_id: 'r2', reviewer_id: 'm7', kind: 'reassigned', status: 'queued' },
    ]);
    await expect(db.query("INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind) VALUES ('t7', 'r1', 'm7', 'review_request')")).rejects.toThrow(/duplicate|unique/i);
  },
  // Issue 11's erasure, suppression and retention.
  8: async (db) => {
    expect(await columns(db, 'erased_rows')).toEqual(['team_id', 'kind', 'id', 'version']);
    expect(await columns(db, 'erasure_log')).toEqual(['id', 'team_id', 'erased_by', 'erased_at', 'key_hashes', 'rows_erased', 'cause']);
    expect(await columns(db, 'teams')).toContain('suppression_secret');
    expect(await columns(db, 'retention_runs')).toEqual(['id', 'team_id', 'ran_at', 'months', 'cutoff', 'people_erased']);
    await db.query("INSERT INTO teams (id, name) VALUES ('t8', 'Eight')");
    // A row is erased once per team; the log says why, in one of two words.
    await db.query("INSERT INTO erased_rows (team_id, kind, id, version) VALUES ('t8', 'note', 'n1', 3)");
    await expect(db.query("INSERT INTO erased_rows (team_id, kind, id, version) VALUES ('t8', 'note', 'n1', 4)")).rejects.toThrow(/unique|duplicate/i);
    await expect(db.query("INSERT INTO erasure_log (team_id, key_hashes, rows_erased, cause) VALUES ('t8', '{}', 1, 'whim')")).rejects.toThrow(/check constraint/i);
    const indexes = await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'entities_person'");
    expect(indexes[0]?.indexdef).toMatch(/\(doc ->> 'prospectId'::text\)/);
    const gin = await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'entities_suppression_hashes'");
    expect(gin[0]?.indexdef).toMatch(/USING gin \(+doc -> 'hashes'::text\)+ WHERE \(kind = 'suppression'::text\)/);
  },
  // Issue 12's nudge mail: one per nudge, queued by the write that stores it.
  9: async (db) => {
    await db.query("INSERT INTO teams (id, name) VALUES ('t9', 'Nine')");
    await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m9', 't9', 'hm@f.g', 'H', 'hiring_manager')");
    const nudged = (at: number) => ({ kind: 'nudged', by: 'r', at, to: null, requestId: null });
    const write = (version: number, history: object[], extra: object = {}) =>
      db.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t9', 'review_request', 'r1', $1, $2) ON CONFLICT (team_id, kind, id) DO UPDATE SET doc = excluded.doc", [
        version,
        JSON.stringify({ id: 'r1', reviewerId: 'm9', status: 'open', deletedAt: null, reassignedFrom: null, history, ...extra }),
      ]);
    await write(1, []);
    await write(2, [nudged(100)]);
    // Written again after it (a decision): the same nudge, no second mail.
    await write(3, [nudged(100), { kind: 'decided', by: 'm9', at: 150, to: null, requestId: null }]);
    await write(4, [nudged(100), nudged(200)]);
    // A nudge on a closed request mails nothing.
    await write(5, [nudged(100), nudged(200), nudged(300)], { status: 'cancelled' });
    expect(await db.query("SELECT kind, due_slot FROM mail_queue WHERE team_id = 't9' ORDER BY id")).toEqual([
      { kind: 'review_request', due_slot: '' },
      { kind: 'nudge', due_slot: '100' },
      { kind: 'nudge', due_slot: '200' },
    ]);
    // Chat: a team with a webhook gets a chat post queued with each new request.
    expect(await db.query("SELECT chat_webhook_url, chat_webhook_set_at FROM teams WHERE id = 't9'")).toEqual([{ chat_webhook_url: null, chat_webhook_set_at: null }]);
    await db.query("UPDATE teams SET chat_webhook_url = 'https://hooks.example/x', chat_webhook_set_at = now() WHERE id = 't9'");
    await db.query("INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t9', 'review_request', 'r2', 6, $1)", [JSON.stringify({ id: 'r2', reviewerId: 'm9', status: 'open', deletedAt: null, reassignedFrom: null, history: [] })]);
    expect(await db.query("SELECT kind FROM mail_queue WHERE request_id = 'r2' ORDER BY kind")).toEqual([{ kind: 'chat_request' }, { kind: 'review_request' }]);
    await expect(db.query("INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind) VALUES ('t9', 'r2', 'm9', 'chat_party')")).rejects.toThrow(/check/i);
  },
  // Issue 12: mail that does not reach a member gives their reminders back to their devices.
  10: async (db) => {
    expect(await columns(db, 'members')).toContain('mail_failing_since');
    await db.query("INSERT INTO teams (id, name) VALUES ('t10', 'Ten')");
    await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m10', 't10', 'hm@f.g', 'H', 'hiring_manager')");
    expect(await db.query("SELECT mail_failing_since FROM members WHERE id = 'm10'")).toEqual([{ mail_failing_since: null }]);
  },
  // Issue 12's reminder rules on the member row (null: the defaults) and the check-in mail's kind.
  11: async (db) => {
    await db.query("INSERT INTO teams (id, name) VALUES ('t11', 'Eleven')");
    await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m11', 't11', 'r@f.g', 'R', 'recruiter')");
    expect(await db.query("SELECT working_days, quiet_start, quiet_end, check_in_weekday, check_in_time FROM members WHERE id = 'm11'")).toEqual([
      { working_days: null, quiet_start: null, quiet_end: null, check_in_weekday: null, check_in_time: null },
    ]);
    await db.query("UPDATE members SET working_days = '{2,3,4,5,6}', check_in_weekday = 1, check_in_time = '09:00' WHERE id = 'm11'");
    expect(await db.query("SELECT working_days FROM members WHERE id = 'm11'")).toEqual([{ working_days: [2, 3, 4, 5, 6] }]);
    await db.query("INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind, due_slot) VALUES ('t11', 'req1', 'm11', 'check_in', '2026-W49')");
    await expect(db.query("INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind, due_slot) VALUES ('t11', 'req1', 'm11', 'check_in', '2026-W49')")).rejects.toThrow(/unique|duplicate/i);
  },
  // Issue 13: a row's size is written by its writer (no longer generated), and entities_person
  // alone finds a person's notes and activities.
  12: async (db) => {
    await db.query("INSERT INTO teams (id, name) VALUES ('t12', 'Twelve')");
    await db.query(`INSERT INTO entities (team_id, kind, id, version, doc, bytes) VALUES ('t12', 'note', 'n1', 1, '{"body": "日本"}', 17)`);
    expect(await db.query("SELECT bytes FROM entities WHERE team_id = 't12' AND id = 'n1'")).toEqual([{ bytes: 17 }]);
    await expect(db.query(`INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t12', 'note', 'n2', 2, '{}')`)).rejects.toThrow(/not-null|null value/i);
    expect(await db.query("SELECT indexname FROM pg_indexes WHERE indexname IN ('entities_prospect_rows', 'entities_person')")).toEqual([{ indexname: 'entities_person' }]);
  },
};

describe('the migration files', () => {
  it('are numbered 1, 2, 3, … without gaps or repeats, each with a check in this file', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(MIGRATIONS.map((m) => m.version).filter((v) => !CHECKS[v])).toEqual([]);
    for (const m of MIGRATIONS) expect(m.sql.trim().length).toBeGreaterThan(0);
  });
});

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  const opened: Database[] = [];
  const fresh = async () => {
    const db = await freshDatabase(kind, { migrated: false });
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });

  it.each(MIGRATIONS.map((m) => [`${String(m.version).padStart(3, '0')}_${m.name}`, m] as const))('%s: applies up to itself and leaves what it should', async (_name, m) => {
    const db = await fresh();
    const upTo = MIGRATIONS.filter((x) => x.version < m.version).map((x) => x.version);
    if (upTo.length > 0) expect(await migrate(db, MIGRATIONS, m.version - 1)).toEqual(upTo);
    expect(await migrate(db, MIGRATIONS, m.version)).toEqual([m.version]);
    expect((await recorded(db)).at(-1)).toEqual({ version: m.version, name: m.name });
    await CHECKS[m.version]!(db);
  });

  it('003 gives invites made before it a week from when they were made, and every device its own id', async () => {
    const db = await fresh();
    await migrate(db, MIGRATIONS, 2);
    await db.query("INSERT INTO teams (id, name) VALUES ('t1', 'One')");
    await db.query("INSERT INTO members (id, team_id, email, name, role) VALUES ('m1', 't1', 'a@b.c', 'A', 'admin')");
    await db.query("INSERT INTO invites (code_hash, team_id, email, role, created_at) VALUES ('old', 't1', 'a@b.c', 'admin', '2026-01-01T00:00:00Z'), ('new', 't1', 'a@b.c', 'admin', now())");
    await db.query("INSERT INTO devices (token_hash, member_id, name) VALUES ('d1', 'm1', 'x'), ('d2', 'm1', 'y'), ('d3', 'm1', 'z')");
    expect(await migrate(db, MIGRATIONS, 3)).toEqual([3]);
    const invites = await db.query<{ code_hash: string; days: number }>('SELECT code_hash, extract(epoch FROM expires_at - created_at) / 86400 AS days FROM invites ORDER BY code_hash');
    expect(invites.map((r) => [r.code_hash, Number(r.days)])).toEqual([
      ['new', 7],
      ['old', 7],
    ]);
    const ids = await db.query<{ id: string }>('SELECT id FROM devices');
    expect(new Set(ids.map((r) => r.id)).size).toBe(3);
  });

  it('006 counts every member made before it as joined (they all redeemed an invite)', async () => {
    const db = await fresh();
    await migrate(db, MIGRATIONS, 5);
    await db.query("INSERT INTO teams (id, name) VALUES ('t1', 'One')");
    await db.query("INSERT INTO members (id, team_id, email, name, role, created_at) VALUES ('m1', 't1', 'a@b.c', 'A', 'admin', '2026-01-02T03:04:05Z')");
    expect(await migrate(db, MIGRATIONS, 6)).toEqual([6]);
    const [row] = await db.query<{ joined_at: string | Date; time_zone: string | null }>("SELECT joined_at, time_zone FROM members WHERE id = 'm1'");
    expect(new Date(row!.joined_at).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(row!.time_zone).toBeNull();
  });

  it('012 keeps the sizes of the rows written before it', async () => {
    const db = await fresh();
    await migrate(db, MIGRATIONS, 11);
    await db.query("INSERT INTO teams (id, name) VALUES ('t1', 'One')");
    await db.query(`INSERT INTO entities (team_id, kind, id, version, doc) VALUES ('t1', 'note', 'n', 1, '{"body": "日本"}')`);
    expect(await migrate(db, MIGRATIONS, 12)).toEqual([12]);
    expect(await db.query("SELECT bytes FROM entities WHERE team_id = 't1' AND id = 'n'")).toEqual([{ bytes: Buffer.byteLength('{"body": "日本"}') }]);
  });

  it('applies nothing the second time, and records each migration once', async () => {
    const db = await fresh();
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    const before = await tables(db);
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db, readMigrations(), 1)).toEqual([]);
    expect(await tables(db)).toEqual(before);
    expect(await recorded(db)).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('rolls back every migration of a run when one fails, and records none of them', async () => {
    const db = await fresh();
    const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_column FROM teams;' };
    await expect(migrate(db, [...MIGRATIONS, broken])).rejects.toThrow(/no_such_column/);
    expect(await tables(db)).not.toContain('teams');
    expect(await tables(db)).not.toContain('half_done');
    // A fixed run then applies them all.
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('migrations on one Postgres from several processes at once', () => {
  it('apply each migration exactly once, without an error', async () => {
    const name = `t_${ulid().toLowerCase()}`;
    const admin = openPostgres(inject('postgresUrl'), { max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    // Two pools stand for two server processes starting together.
    const pools = [openPostgres(postgresUrlFor(name), { max: 3 }), openPostgres(postgresUrlFor(name), { max: 3 })];
    try {
      const runs = await Promise.all([0, 1, 0, 1, 0, 1].map((i) => migrate(pools[i]!)));
      expect(runs.flat().sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(runs.filter((applied) => applied.length > 0)).toHaveLength(1);
      expect(await recorded(pools[0]!)).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});
