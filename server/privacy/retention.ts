import type { Database, Queryable } from '@/server/db/database';
import { type RetentionPreview, type Role, TEAM_PRIVACY_ID, type TeamPrivacy, canSetPrivacy, privacyChoices } from '@/lib/model';
import { fail } from '@/server/http/errors';
import { eraseAsServer } from './server-erasure';

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
      if (await eraseAsServer(tx, teamId, candidate.id, now, 'retention')) erased++;
    }
    await tx.query('INSERT INTO retention_runs (team_id, months, cutoff, people_erased) VALUES ($1, $2, to_timestamp($3 / 1000.0), $4)', [teamId, months, cutoff, erased]);
    return erased;
  });
}

/**
 * The preview an admin sees in Options → Privacy before switching retention on or changing its
 * months: the caller's team only, admins only (it lists people by name for a decision only an
 * admin takes).
 */
export async function retentionPreviewFor(db: Queryable, actor: { teamId: string; role: Role }, months: number, now = Date.now()): Promise<RetentionPreview> {
  if (!canSetPrivacy(actor.role)) fail(403, 'only an admin previews the team’s retention rule');
  const cutoff = retentionCutoff(now, months);
  return { months, cutoff, people: await retentionCandidates(db, actor.teamId, cutoff) };
}
