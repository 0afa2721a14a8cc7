import type { Database } from '@/server/db/database';
import type { Actor } from '@/lib/mutations';
import { DEFERRABLE, PULL_PAGE_BYTES, type PullQuery, type PullResponse, type PullRow } from '@/lib/model';
import { currentEpoch } from './epoch';
import { teamSecret } from './erasure';
import { claimClient, toRejection } from './push';

/** What a row adds to a page besides its document: kind, id, version and the JSON around them. */
const ROW_OVERHEAD_BYTES = 100;

interface PageRow {
  kind: PullRow['kind'];
  id: string;
  version: number;
  /** Bytes of the page up to the end of this row's version. */
  upto: number;
  /** The document; also null when it lies past the byte budget (never sent, see `pageOf`). */
  doc: unknown;
}

/**
 * A row is older history (docs/sync.md, "First sign-in to a large team"): of a deferrable kind,
 * dated before `olderThan` by the registry's field, at or below version `upTo` (parameter numbers). `IS TRUE` makes a row without
 * a readable date "not older" on both sides, so `recent` and `history` split every row exactly.
 * The kinds and fields are the registry's own strings, not input.
 */
const older = (upTo: number, olderThan: number) =>
  `(CASE kind ${DEFERRABLE.map(({ kind, at }) => `WHEN '${kind}' THEN CASE WHEN jsonb_typeof(doc->'${at}') = 'number' THEN (doc->>'${at}')::numeric END`).join(' ')} END < $${olderThan} AND version <= $${upTo}) IS TRUE`;

/** Which of the team's rows each phase sends (with `upTo` and `olderThan` as parameters `upTo` and `upTo + 1`), and whether it sends erased rows. */
const PHASES: Record<PullQuery['phase'], { rows: (upTo: number) => string; erased: boolean }> = {
  all: { rows: () => 'TRUE', erased: true },
  recent: { rows: (upTo) => `NOT ${older(upTo, upTo + 1)}`, erased: true },
  history: { rows: (upTo) => older(upTo, upTo + 1), erased: false },
};

/**
 * The caller's team's rows since `cursor`, at most `limit + 1` of them, each with the page's
 * running size up to the end of its version. Documents past `budget` stay in the database (the
 * first version's always come: it goes alone if it is bigger than the budget). Sizes come from
 * the stored `bytes` column, so finding the end of a page reads no document it does not send.
 */
const page = (phase: PullQuery['phase']) => `
  SELECT kind, id, version, upto, CASE WHEN upto <= $5 OR version = first THEN doc END AS doc
    FROM (SELECT kind, id, version, doc,
                 sum(size) OVER (ORDER BY version) AS upto,
                 first_value(version) OVER (ORDER BY version) AS first
            FROM (SELECT * FROM (SELECT kind, id, version,
                                        CASE WHEN visible_to IS NULL OR visible_to = $3 THEN doc END AS doc,
                                        CASE WHEN visible_to IS NULL OR visible_to = $3 THEN bytes ELSE 0 END + ${ROW_OVERHEAD_BYTES} AS size
                                   FROM entities
                                  WHERE team_id = $1 AND version > $2 AND (visible_to IS NULL OR visible_to = $3 OR ever_public) AND ${PHASES[phase].rows(6)}
                                  ORDER BY version
                                  LIMIT $4) AS changed
                  UNION ALL
                  SELECT * FROM (SELECT kind, id, version, NULL::jsonb AS doc, ${ROW_OVERHEAD_BYTES} AS size
                                   FROM erased_rows
                                  WHERE team_id = $1 AND version > $2 AND ${PHASES[phase].erased}
                                  ORDER BY version
                                  LIMIT $4) AS erased
                   ORDER BY version
                   LIMIT $4) AS candidates) AS sized
   ORDER BY version`;

/** Every row of one version the phase sends, whatever its size (a version bigger than a page goes alone). */
const oneVersion = (phase: PullQuery['phase']) => `
  SELECT kind, id, version, 0 AS upto, CASE WHEN visible_to IS NULL OR visible_to = $3 THEN doc END AS doc
    FROM entities
   WHERE team_id = $1 AND version = $2 AND (visible_to IS NULL OR visible_to = $3 OR ever_public) AND ${PHASES[phase].rows(4)}
  UNION ALL
  SELECT kind, id, version, 0 AS upto, NULL::jsonb AS doc FROM erased_rows WHERE team_id = $1 AND version = $2 AND ${PHASES[phase].erased}`;

const PAGES = { all: page('all'), recent: page('recent'), history: page('history') };
const ONE_VERSIONS = { all: oneVersion('all'), recent: oneVersion('recent'), history: oneVersion('history') };

/**
 * Where the page ends: whole versions only (one mutation's writes arrive together, and the
 * cursor is a version), as many as fit in `limit` rows and `budget` bytes. The first version
 * always goes, alone if it alone is over either cap (read again whole if it fills all the rows
 * read). The last version read may continue past the `limit + 1` rows, so it goes only when the
 * read ended before the limit.
 */
function pageOf(rows: PageRow[], limit: number, budget: number): { take: number; wholeFirstVersion: boolean } {
  const complete = rows.length <= limit;
  let take = 0;
  while (take < rows.length) {
    const version = rows[take]!.version;
    let end = take;
    while (end < rows.length && rows[end]!.version === version) end++;
    const lastFetched = end === rows.length && !complete;
    if (take === 0) {
      if (lastFetched) return { take: 0, wholeFirstVersion: true };
    } else if (lastFetched || Number(rows[end - 1]!.upto) > budget) {
      break;
    }
    take = end;
  }
  return { take, wholeFirstVersion: false };
}

/**
 * The caller's team's rows changed since `cursor`, in version order, a page at a time: at most
 * `limit` rows and about PULL_PAGE_BYTES of documents, and never part of a version. Rows the
 * caller may not read are left out, or sent without content when they were once visible to the
 * team (a note made private), so the caller drops its copy. The client's last mutation id is
 * read before the rows, so every write it acknowledges is among the rows up to the last page.
 *
 * Rows an erasure deleted come as (kind, id) without content, like a note the caller may no
 * longer see, so the device deletes its copy (erased_rows: nothing else of them is left).
 *
 * `phase` (docs/sync.md, "First sign-in to a large team"): `recent` leaves out the older history
 * (`older` above) and, at its end, stands at least at `upTo`; `history` sends only that, and no
 * erased rows. The same team and visibility rules hold in every phase.
 *
 * Every page carries the team's version when it was read (`head`), the server's epoch, the team's suppression secret, and whether the server
 * mails the caller's reminders (`mailsReminders`: mail goes out over SMTP). A cursor beyond the team's version can only come from
 * before a restore of the database: the answer is `reset`, and the client pulls from zero.
 */
export async function pull(db: Database, actor: Actor, query: PullQuery, { mailsReminders = false }: { mailsReminders?: boolean } = {}): Promise<PullResponse> {
  const epoch = await currentEpoch(db);
  // No transaction: without the lock it would only cost two more round trips, which a poke's
  // pull by every device of a team pays at once.
  const lastMutationId = await claimClient(db, query.clientId, actor.memberId, { lock: false });
  const [team] = await db.query<{ version: number }>('SELECT version FROM teams WHERE id = $1', [actor.teamId]);
  const head = Number(team?.version ?? 0);
  if (query.cursor > head || (query.upTo ?? 0) > head) return { rows: [], cursor: 0, more: true, lastMutationId, rejections: [], epoch, reset: true, head };
  const remindersByMail = mailsReminders && (await reviewMailOn(db, actor));
  const rejections = await db.query<{ mutation_id: number; name: string; reason: string }>(
    'SELECT mutation_id, name, reason FROM rejections WHERE client_id = $1 AND mutation_id > $2 AND mutation_id <= $3 ORDER BY mutation_id',
    [query.clientId, query.since, lastMutationId],
  );
  // Every row at or below the team's version now is committed (versions are taken under the team's lock).
  const upTo = query.upTo ?? head;
  const olderParams = query.phase === 'all' ? [] : [upTo, query.olderThan ?? 0];
  const fetched = await db.query<PageRow>(PAGES[query.phase], [actor.teamId, query.cursor, actor.memberId, query.limit + 1, PULL_PAGE_BYTES, ...olderParams]);
  const { take, wholeFirstVersion } = pageOf(fetched, query.limit, PULL_PAGE_BYTES);
  const rows = wholeFirstVersion ? await db.query<PageRow>(ONE_VERSIONS[query.phase], [actor.teamId, fetched[0]!.version, actor.memberId, ...olderParams]) : fetched.slice(0, take);
  const more = wholeFirstVersion || take < fetched.length;
  const last = rows.length > 0 ? Number(rows[rows.length - 1]!.version) : query.cursor;
  // A recent pull that reached the end has sent or left for history every row up to upTo.
  const cursor = query.phase === 'recent' && !more ? Math.max(last, upTo) : last;
  return {
    rows: rows.map((r) => ({ kind: r.kind, id: r.id, version: Number(r.version), doc: r.doc ?? null })),
    cursor,
    more,
    lastMutationId,
    rejections: rejections.map(toRejection),
    epoch,
    reset: false,
    suppressionSecret: await teamSecret(db, actor.teamId),
    remindersByMail,
    head,
  };
}

async function reviewMailOn(db: Database, actor: Actor): Promise<boolean> {
  const [member] = await db.query<{ mailed: boolean }>('SELECT review_mail_off_at IS NULL AND mail_failing_since IS NULL AS mailed FROM members WHERE team_id = $1 AND id = $2', [
    actor.teamId,
    actor.memberId,
  ]);
  return member?.mailed === true;
}
