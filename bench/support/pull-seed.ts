// The server side of the 100,000-change pull benchmarks (bench/pull-100k.ts on fake-indexeddb,
// bench/pull-chromium.ts in Chromium): a PGlite folder seeded directly with SQL, one team,
// 4,762 people and 95,238 notes and activities about them (the PouchDB baseline's records as
// bench-records.ts maps them, ~360 bytes of JSON each), every row its own version, as 100,000
// mutations would leave them.
import type { Queryable } from '@/server/db/database';
import { openDatabase } from '@/server/db/open';
import { createTeam, invite, redeem } from '@/server/auth/team-admin';
import { makeRecords } from '../pouchdb/records';
import { planFromRecords, rowOf } from './bench-records';
import { round } from './harness';

export const CHANGES = 100_000;
// n records are about ceil(n / 20) people: 95,238 + 4,762 = 100,000 rows.
const RECORDS = 95_238;
const SEED_BATCH = 2_000;
// PGlite runs no autovacuum, so the server's tables have no planner statistics unless someone
// runs ANALYZE; as the server stands that is nobody. PULL_BENCH_ANALYZE=1 analyzes after seeding.
export const ANALYZE = process.env.PULL_BENCH_ANALYZE === '1';

export interface SeedRow {
  kind: 'prospect' | 'note' | 'activity';
  id: string;
  version: number;
  doc: object;
}

export async function insertRows(db: Queryable, teamId: string, rows: SeedRow[]) {
  for (let i = 0; i < rows.length; i += SEED_BATCH) {
    await db.query(
      `INSERT INTO entities (team_id, kind, id, version, doc, visible_to, ever_public, bytes)
       SELECT $1, r.kind, r.id, r.version, r.doc, NULL, true, r.bytes
         FROM jsonb_to_recordset($2::jsonb) AS r(kind text, id text, version bigint, doc jsonb, bytes integer)`,
      [teamId, JSON.stringify(rows.slice(i, i + SEED_BATCH).map((r) => ({ ...r, bytes: Buffer.byteLength(JSON.stringify(r.doc)) })))],
    );
  }
}

/** A PGlite folder holding one team with CHANGES rows; returns the member's sign-in. */
export async function seed(dataDir: string) {
  const db = await openDatabase({ dataDir });
  try {
    const team = await createTeam(db, 'bench pull');
    const { code } = await invite(db, team.id, 'puller@bench.example', 'recruiter');
    const signIn = await redeem(db, code, 'bench');
    const plan = planFromRecords(makeRecords(RECORDS));
    let [{ version }] = (await db.query<{ version: number }>('SELECT version FROM teams WHERE id = $1', [team.id])) as [{ version: number }];
    version = Number(version);
    const rows: SeedRow[] = [];
    for (const p of plan.prospects) {
      version++;
      const ref = { site: p.identity.site, key: p.identity.key, url: p.identity.url };
      const { name, headline, company, location } = p.identity;
      const doc = { id: p.id, deletedAt: null, name, headline, company, location, profiles: [ref], emails: [], doNotContact: null, createdAt: p.at, updatedAt: p.at, teamId: team.id, version };
      rows.push({ kind: 'prospect', id: p.id, version, doc });
    }
    for (const w of plan.writes) {
      version++;
      rows.push({ kind: w.name === 'note.add' ? 'note' : 'activity', id: w.args.id, version, doc: rowOf(w, signIn.member.id, team.id, version) });
    }
    if (rows.length !== CHANGES) throw new Error(`seeded ${rows.length} rows, want ${CHANGES}`);
    await db.transaction(async (tx) => {
      await insertRows(tx, team.id, rows);
      for (const p of plan.prospects) {
        await tx.query('INSERT INTO prospect_keys (team_id, key, prospect_id) VALUES ($1, $2, $3)', [team.id, p.identity.key, p.id]);
      }
      await tx.query('UPDATE teams SET version = $2 WHERE id = $1', [team.id, version]);
    });
    if (ANALYZE) await db.query('ANALYZE');
    const jsonBytes = rows.reduce((n, r) => n + JSON.stringify(r.doc).length, 0);
    return { signIn, rows: { prospects: plan.prospects.length, notesAndActivities: plan.writes.length }, avgDocBytes: round(jsonBytes / rows.length) };
  } finally {
    await db.close();
  }
}

