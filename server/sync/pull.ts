import type { Database } from '@/server/db/database';
import type { Actor } from '@/lib/mutations';
import type { PullQuery, PullResponse, PullRow } from '@/lib/model';
import { claimClient, toRejection } from './push';

interface EntityRow {
  kind: PullRow['kind'];
  id: string;
  version: number;
  doc: unknown;
}

/**
 * The caller's team's rows changed since `cursor`, in version order, a page at a time. A page
 * never splits the rows of one version (one mutation's writes arrive together). Rows the
 * caller may not read are left out, or sent without content when they were once visible to the
 * team (a note made private), so the caller drops its copy. The client's last mutation id is
 * read before the rows, so every write it acknowledges is among the rows up to the last page.
 */
export async function pull(db: Database, actor: Actor, query: PullQuery): Promise<PullResponse> {
  const lastMutationId = await db.transaction((tx) => claimClient(tx, query.clientId, actor.memberId, { lock: false }));
  const rejections = await db.query<{ mutation_id: number; name: string; reason: string }>(
    'SELECT mutation_id, name, reason FROM rejections WHERE client_id = $1 AND mutation_id > $2 AND mutation_id <= $3 ORDER BY mutation_id',
    [query.clientId, query.since, lastMutationId],
  );
  const select = `SELECT kind, id, version, CASE WHEN visible_to IS NULL OR visible_to = $3 THEN doc END AS doc
                    FROM entities
                   WHERE team_id = $1 AND version > $2 AND (visible_to IS NULL OR visible_to = $3 OR ever_public)`;
  // Ordered by version alone, so the (team_id, version) index serves the scan and the limit
  // without a sort; the order within one version does not matter, pages never split it.
  let rows = await db.query<EntityRow>(`${select} ORDER BY version LIMIT $4`, [actor.teamId, query.cursor, actor.memberId, query.limit + 1]);
  const more = rows.length > query.limit;
  if (more) {
    const lastVersion = Number(rows[query.limit - 1]!.version);
    const splitsVersion = Number(rows[query.limit]!.version) === lastVersion;
    rows = rows.slice(0, query.limit);
    if (splitsVersion) {
      const whole = rows.filter((r) => Number(r.version) < lastVersion);
      rows = whole.length > 0 ? whole : await db.query<EntityRow>(`${select} AND version = $4`, [actor.teamId, query.cursor, actor.memberId, lastVersion]);
    }
  }
  const cursor = rows.length > 0 ? Number(rows[rows.length - 1]!.version) : query.cursor;
  return {
    rows: rows.map((r) => ({ kind: r.kind, id: r.id, version: Number(r.version), doc: r.doc ?? null })),
    cursor,
    more,
    lastMutationId,
    rejections: rejections.map(toRejection),
  };
}
