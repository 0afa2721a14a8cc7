import { randomBytes } from 'node:crypto';
import type { Queryable } from '@/server/db/database';
import { KIND_OF_TABLE, PERSON_FIELDS, type Prospect, suppressionHash, suppressionIdentifiers } from '@/lib/model';

/**
 * The team's key for the suppression list's keyed hashes, made on first use. Kept in the teams
 * table and sent to the team's devices with every pull, so a sidebar checks a page against the
 * list without asking the server.
 */
export async function teamSecret(q: Queryable, teamId: string): Promise<string> {
  const [row] = await q.query<{ suppression_secret: string | null }>('SELECT suppression_secret FROM teams WHERE id = $1', [teamId]);
  if (row?.suppression_secret) return row.suppression_secret;
  // Two first uses at once: the first write wins and both read it back.
  await q.query('UPDATE teams SET suppression_secret = $2 WHERE id = $1 AND suppression_secret IS NULL', [teamId, randomBytes(32).toString('base64url')]);
  const [made] = await q.query<{ suppression_secret: string }>('SELECT suppression_secret FROM teams WHERE id = $1', [teamId]);
  return made!.suppression_secret;
}

/** Fields come from the registry's schemas, never from input; checked anyway before going into SQL. */
function sqlField(field: string): string {
  if (!/^[A-Za-z]+$/.test(field)) throw new Error(`not a field name: ${field}`);
  return field;
}

/** Moves the deleted rows' (kind, id) into erased_rows under the erasure's version: what devices are told to delete. */
const RECORD_ERASED = `INSERT INTO erased_rows (team_id, kind, id, version) SELECT $1, kind, id, $3 FROM gone
  ON CONFLICT (team_id, kind, id) DO UPDATE SET version = excluded.version RETURNING 1`;

export interface ErasureBy {
  /** The member who erased, or null for the team's retention rule. */
  memberId: string | null;
  cause: 'request' | 'retention' | 'notice_deadline';
}

/**
 * Deletes every row about the people with these ids, in the caller's transaction: their records,
 * every row that names them (PERSON_FIELDS, derived from the registry), their profile keys; a row
 * that lists them among others (a review request) is written again without them, and deleted
 * when nobody is left. Each deleted row leaves only (kind, id, version) in erased_rows, for the
 * pull. The audit log keeps who erased and when, and the person as keyed hashes of their keys.
 * Returns how many rows were deleted.
 */
export async function eraseRows(tx: Queryable, teamId: string, ids: readonly string[], version: number, by: ErasureBy): Promise<number> {
  const records = await tx.query<{ doc: Prospect }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'prospect' AND id = ANY($2::text[])", [teamId, ids]);
  const secret = await teamSecret(tx, teamId);
  const keyHashes = [...new Set(records.flatMap((r) => suppressionIdentifiers({ profiles: r.doc.profiles })))].map((i) => suppressionHash(secret, i));

  const byField = new Map<string, string[]>();
  for (const { table, field } of PERSON_FIELDS.one) byField.set(field, [...(byField.get(field) ?? []), KIND_OF_TABLE[table]]);
  const naming = [...byField.keys()].map((field, i) => `(kind = ANY($${5 + i}::text[]) AND doc ->> '${sqlField(field)}' = ANY($2::text[]))`);
  const gone = await tx.query(
    `WITH gone AS (DELETE FROM entities WHERE team_id = $1 AND ((kind = ANY($4::text[]) AND id = ANY($2::text[])) ${naming.map((n) => `OR ${n}`).join(' ')}) RETURNING kind, id)
     ${RECORD_ERASED}`,
    [teamId, ids, version, PERSON_FIELDS.byId.map((t) => KIND_OF_TABLE[t]), ...byField.values()],
  );
  let erased = gone.length;

  for (const { table, field } of PERSON_FIELDS.many) {
    const f = sqlField(field);
    await tx.query(
      `UPDATE entities e
          SET version = n.version, doc = n.doc, bytes = octet_length(n.doc::text)
         FROM (SELECT id, GREATEST(version, $3) AS version,
                      jsonb_set(jsonb_set(doc, '{${f}}', (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM jsonb_array_elements_text(doc -> '${f}') AS x WHERE x <> ALL($2::text[]))),
                                '{version}', to_jsonb(GREATEST(version, $3))) AS doc
                 FROM entities WHERE team_id = $1 AND kind = $4 AND doc -> '${f}' ?| $2::text[]) AS n
        WHERE e.team_id = $1 AND e.kind = $4 AND e.id = n.id`,
      [teamId, ids, version, KIND_OF_TABLE[table]],
    );
    // Left about nobody: it was only about them.
    const emptied = await tx.query(
      `WITH gone AS (DELETE FROM entities WHERE team_id = $1 AND kind = $2 AND jsonb_array_length(doc -> '${f}') = 0 RETURNING kind, id)
       ${RECORD_ERASED}`,
      [teamId, KIND_OF_TABLE[table], version],
    );
    erased += emptied.length;
  }

  await tx.query('DELETE FROM prospect_keys WHERE team_id = $1 AND prospect_id = ANY($2::text[])', [teamId, ids]);
  // A refusal's reason can name the person ("… already belongs to Ada Lovelace"): those go too.
  const names = [...new Set(records.map((r) => r.doc.name).filter((n) => n.length > 0))];
  if (names.length) {
    await tx.query(
      `DELETE FROM rejections r USING clients c, members m, unnest($2::text[]) AS n(name)
        WHERE r.client_id = c.id AND c.member_id = m.id AND m.team_id = $1 AND strpos(r.reason, n.name) > 0`,
      [teamId, names],
    );
  }
  await tx.query('INSERT INTO erasure_log (team_id, erased_by, key_hashes, rows_erased, cause) VALUES ($1, $2, $3::text[], $4, $5)', [teamId, by.memberId, keyHashes, erased, by.cause]);
  return erased;
}

/** Which of these ids are of rows an erasure deleted. */
export async function erasedAmong(q: Queryable, teamId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q.query<{ id: string }>('SELECT DISTINCT id FROM erased_rows WHERE team_id = $1 AND id = ANY($2::text[])', [teamId, ids]);
  return new Set(rows.map((r) => r.id));
}

/** Which of these keyed hashes are in a live entry of the team's suppression list (found through the hashes' GIN index). */
export async function suppressedAmong(q: Queryable, teamId: string, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await q.query<{ hashes: string[] }>(
    `SELECT doc -> 'hashes' AS hashes FROM entities
      WHERE kind = 'suppression' AND team_id = $1 AND doc -> 'hashes' ?| $2::text[] AND doc ->> 'deletedAt' IS NULL`,
    [teamId, hashes],
  );
  const wanted = new Set(hashes);
  return new Set(rows.flatMap((r) => r.hashes.filter((h) => wanted.has(h))));
}
