/**
 * Issue 13 (sync ≥ 6× PouchDB): how a push reads and writes the team's rows. New rows go in
 * with COPY on PGlite (INSERT on Postgres), each with its size; the push's look-ups read the
 * rows its mutations name, however long the team's history.
 */
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '@/server/db/database';
import { push } from '@/server/sync/push';
import type { Note } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

/** Text COPY's format must escape (backslashes, tabs, line breaks) and its NULL and end markers. */
const AWKWARD = 'back\\slash \\N \\. \\\\ tab\there\nnext line "quoted" 日本 🎉 \\t';

interface Plan {
  'Node Type': string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: Plan[];
}

/** Rows the plan's scans read: those they returned and those they read and threw away. */
function rowsRead(plan: Plan): number {
  const own = / Scan$/.test(plan['Node Type']) ? ((plan['Actual Rows'] ?? 0) + (plan['Rows Removed by Filter'] ?? 0) + (plan['Rows Removed by Index Recheck'] ?? 0)) * (plan['Actual Loops'] ?? 1) : 0;
  return own + (plan.Plans ?? []).reduce((sum, p) => sum + rowsRead(p), 0);
}

/** The database, noting every SELECT on `entities` made inside a transaction (a push's). */
function noting(db: Database, selects: { sql: string; params: unknown[] }[]): Database {
  const wrap = (q: Queryable): Queryable => ({
    ...q,
    query: (sql, params = []) => {
      if (/^\s*SELECT/.test(sql) && /\bentities\b/.test(sql)) selects.push({ sql, params });
      return q.query(sql, params);
    },
  });
  return { ...db, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

describe.each(DATABASE_KINDS)('a push’s reads and writes on %s', (kind) => {
  const server = serverFor(kind);

  it('stores new rows as written, whatever their text, with their size, and private ones for their author only', async () => {
    const { members } = await teamWith(server.db, ['recruiter', 'recruiter']);
    const [ann, bob] = [as(server.app, members[0]!), as(server.app, members[1]!)];
    const prospectId = ulid();
    const [shared, own] = [ulid(), ulid()];
    const res = await ann.push([
      { name: 'prospect.upsert', args: { id: prospectId, identity: identity(), at: 1 } },
      { name: 'note.add', args: { id: shared, prospectId, body: AWKWARD, at: 2 } },
      { name: 'note.add', args: { id: own, prospectId, body: `private ${AWKWARD}`, visibility: 'private', at: 3 } },
    ]);
    expect(res.rejected).toEqual([]);
    expect(Object.fromEntries(docsOf<Note>(await ann.pullAll(), 'note').map((n) => [n.id, n.body]))).toEqual({ [shared]: AWKWARD, [own]: `private ${AWKWARD}` });
    expect(docsOf<Note>(await bob.pullAll(), 'note').map((n) => n.id)).toEqual([shared]);
    const stored = await server.db.query<{ doc: unknown; bytes: number; visible_to: string | null; ever_public: boolean }>(
      "SELECT doc, bytes, visible_to, ever_public FROM entities WHERE team_id = $1 AND kind = 'note' ORDER BY id",
      [members[0]!.member.teamId],
    );
    expect(stored.map((r) => r.bytes)).toEqual(stored.map((r) => Buffer.byteLength(JSON.stringify(r.doc))));
    expect(Object.fromEntries(stored.map((r) => [(r.doc as Note).id, [r.visible_to, r.ever_public]]))).toEqual({ [shared]: [null, true], [own]: [members[0]!.member.id, false] });
  });

  it('looks up the rows its mutations name without reading the rest of the team’s history', async () => {
    const { members } = await teamWith(server.db, ['recruiter']);
    const who = members[0]!;
    const teamId = who.member.teamId;
    const prospectId = ulid();
    await as(server.app, who).push([{ name: 'prospect.upsert', args: { id: prospectId, identity: identity(), at: 1 } }]);
    // A long history about other people, as later versions of the team.
    await server.db.query(
      `WITH team AS (UPDATE teams SET version = version + 3000 WHERE id = $1 RETURNING version)
       INSERT INTO entities (team_id, kind, id, version, doc, bytes)
       SELECT $1, 'note', 'old-' || g, team.version - 3000 + g, jsonb_build_object('id', 'old-' || g, 'prospectId', 'someone-' || g % 50), 40
         FROM team, generate_series(1, 3000) AS g`,
      [teamId],
    );
    await server.db.query('ANALYZE entities');
    const selects: { sql: string; params: unknown[] }[] = [];
    const res = await push(noting(server.db, selects), { memberId: who.member.id, teamId, role: 'recruiter' }, {
      clientId: who.clientId,
      mutations: [
        { id: 2, name: 'note.add', args: { id: ulid(), prospectId, body: 'one more', at: 2 } },
        { id: 3, name: 'activity.log', args: { id: ulid(), prospectId, kind: 'outreach', data: { channel: 'email' }, at: 3 } },
      ],
    });
    expect(res.rejected).toEqual([]);
    expect(selects.length).toBeGreaterThan(0);
    for (const { sql, params } of selects) {
      // On a table this small Postgres may rightly prefer reading it whole: what matters is that
      // an index bounds the read when the history is long.
      const [explained] = await server.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        return tx.query<{ 'QUERY PLAN': [{ Plan: Plan }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      });
      expect(rowsRead(explained!['QUERY PLAN'][0].Plan), sql).toBeLessThan(50);
    }
  });
});
