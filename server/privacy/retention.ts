import type { Database, Queryable } from '@/server/db/database';
import type { Logger } from '@/server/log';
import { TEAM_PRIVACY_ID, type TeamPrivacy, privacyChoices } from '@/lib/model';
import { erasePerson } from '@/lib/mutations';
import { SqlStore, nextVersion } from '@/server/sync/sql-store';

/** Someone the retention rule would erase: nobody on the team has done anything about them since `cutoff`. */
export interface RetentionCandidate {
  id: string;
  name: string;
  /** The latest of their record's creation or change, and of every activity and note about them. */
  lastActivityAt: number;
}

/** The moment `months` calendar months before `now`. */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/**
 * The team's people with no activity since the cutoff: neither their record, nor an activity or
 * note about them (under their id or an id merged into theirs) is newer. Oldest first.
 */
export async function retentionCandidates(q: Queryable, teamId: string, cutoff: number): Promise<RetentionCandidate[]> {
  const rows = await q.query<{ id: string; name: string; last: string }>(
    `WITH people AS (
       SELECT id, doc FROM entities WHERE team_id = $1 AND kind = 'prospect' AND doc ->> 'deletedAt' IS NULL),
     ids AS (
       SELECT id AS person, id FROM people
       UNION ALL SELECT doc ->> 'prospectId', id FROM entities WHERE team_id = $1 AND kind = 'alias'),
     latest AS (
       SELECT ids.person, max(coalesce((e.doc ->> 'at')::bigint, (e.doc ->> 'createdAt')::bigint)) AS at
         FROM ids JOIN entities e ON e.team_id = $1 AND e.kind IN ('activity', 'note') AND e.doc ->> 'prospectId' = ids.id
        GROUP BY ids.person),
     scored AS (
       SELECT p.id, p.doc ->> 'name' AS name,
              GREATEST((p.doc ->> 'createdAt')::bigint, (p.doc ->> 'updatedAt')::bigint, coalesce(l.at, 0)) AS last
         FROM people p LEFT JOIN latest l ON l.person = p.id)
     SELECT id, name, last FROM scored WHERE last < $2 ORDER BY last, id`,
    [teamId, cutoff],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, lastActivityAt: Number(r.last) }));
}

async function teamChoices(q: Queryable, teamId: string) {
  const [row] = await q.query<{ doc: TeamPrivacy }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'team_privacy' AND id = $2", [teamId, TEAM_PRIVACY_ID]);
  return privacyChoices(row?.doc);
}

/** What switching retention on (or running it now) would erase: the cutoff and the people, by name. */
export async function retentionPreview(q: Queryable, teamId: string, now: number, months?: number): Promise<{ months: number | null; cutoff: number | null; people: RetentionCandidate[] }> {
  const chosen = months ?? (await teamChoices(q, teamId)).retentionMonths;
  if (chosen === null) return { months: null, cutoff: null, people: [] };
  const cutoff = retentionCutoff(now, chosen);
  return { months: chosen, cutoff, people: await retentionCandidates(q, teamId, cutoff) };
}

/**
 * One run of a team's retention rule: every person with no activity for the team's months is
 * erased through the same erasure as `prospect.erase` (each under its own version, suppressed,
 * logged with cause `retention`), in one transaction, and the run is logged. Does nothing (and
 * logs nothing) while the rule is off. Returns how many people it erased.
 */
export async function runRetention(db: Database, teamId: string, now: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { retentionMonths: months } = await teamChoices(tx, teamId);
    if (months === null) return 0;
    const cutoff = retentionCutoff(now, months);
    let erased = 0;
    for (const candidate of await retentionCandidates(tx, teamId, cutoff)) {
      const store = new SqlStore(tx, teamId, await nextVersion(tx, teamId), 'retention', { memberId: null, cause: 'retention' });
      const person = await store.get('prospects', candidate.id);
      if (!person || person.deletedAt !== null) continue;
      await erasePerson(store, person, now);
      erased++;
    }
    await tx.query('INSERT INTO retention_runs (team_id, months, cutoff, people_erased) VALUES ($1, $2, to_timestamp($3 / 1000.0), $4)', [teamId, months, cutoff, erased]);
    return erased;
  });
}

/** Every team whose retention rule is on. */
async function teamsWithRetention(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ team_id: string }>("SELECT team_id FROM entities WHERE kind = 'team_privacy' AND doc ->> 'retentionMonths' IS NOT NULL AND doc ->> 'deletedAt' IS NULL");
  return rows.map((r) => r.team_id);
}

export const RETENTION_EVERY_MS = 24 * 60 * 60_000;

/**
 * Runs every team's retention rule once a day (and a minute after start), in this process. With
 * several processes on one Postgres each runs it; the second finds nobody left to erase.
 */
export function scheduleRetention(db: Database, log: Logger, now = () => Date.now()): () => void {
  const runAll = async () => {
    for (const teamId of await teamsWithRetention(db)) {
      const erased = await runRetention(db, teamId, now());
      log.info({ teamId, erased }, 'retention run');
    }
  };
  const run = () => void runAll().catch((err: unknown) => log.warn({ err }, 'retention run failed'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, RETENTION_EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
