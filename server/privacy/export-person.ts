import type { Queryable } from '@/server/db/database';
import { AuthError, type TeamRow, findTeam } from '@/server/auth/team-admin';
import { Id, KIND_OF_TABLE, type Member, type Prospect, type Requisition } from '@/lib/model';
import { type PersonExport, type PersonSource, gatherPerson, idsToName } from '@/lib/privacy/person-export';

/** The server's rows of one team, every member's private ones included. */
function serverSource(db: Queryable, teamId: string): PersonSource {
  return {
    async rowsNaming(table, field, ids) {
      // A list field (`prospectIds`) names the person when it holds any of their ids; a scalar one when it is one.
      const match = field === 'prospectIds' ? `doc->'prospectIds' ?| $3::text[]` : `doc->>'prospectId' = ANY($3::text[])`;
      const rows = await db.query<{ doc: never }>(`SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 AND ${match} ORDER BY id`, [teamId, KIND_OF_TABLE[table], [...ids]]);
      return rows.map((r) => r.doc);
    },
    async prospects(ids) {
      const rows = await db.query<{ doc: Prospect }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'prospect' AND id = ANY($2::text[]) ORDER BY id", [teamId, [...ids]]);
      return rows.map((r) => r.doc);
    },
  };
}

/** The live person a profile key, an email or an id names in the team (following merges), or null. */
async function findPerson(db: Queryable, teamId: string, keyOrEmail: string): Promise<string | null> {
  const given = keyOrEmail.trim();
  let [row] = given.includes('@')
    ? await db.query<{ id: string }>(
        "SELECT id FROM entities WHERE team_id = $1 AND kind = 'prospect' AND doc->'emails' ? $2 AND doc->>'deletedAt' IS NULL ORDER BY id LIMIT 1",
        [teamId, given.toLowerCase()],
      )
    : await db.query<{ id: string }>('SELECT prospect_id AS id FROM prospect_keys WHERE team_id = $1 AND key = $2', [teamId, given]);
  if (!row && Id.safeParse(given).success) row = { id: given };
  // An alias (a record merged away) leads to the one who stayed; chains are followed.
  for (let id = row?.id, hops = 0; id !== undefined && hops < 100; hops++) {
    const [alias] = await db.query<{ to: string }>("SELECT doc->>'prospectId' AS to FROM entities WHERE team_id = $1 AND kind = 'alias' AND id = $2", [teamId, id]);
    if (!alias) {
      const [live] = await db.query<{ id: string }>("SELECT id FROM entities WHERE team_id = $1 AND kind = 'prospect' AND id = $2 AND doc->>'deletedAt' IS NULL", [teamId, id]);
      return live?.id ?? null;
    }
    id = alias.to;
  }
  return null;
}

/**
 * Everything the team's server holds about one person, for an access request: `admin
 * export-person <team> <key or email>`. Unlike a device's export it includes every member's
 * private notes and follow-ups about them: the request is the person's, not one member's.
 */
export async function exportPersonFromServer(db: Queryable, teamIdOrName: string, keyOrEmail: string, now = Date.now()): Promise<{ team: TeamRow; exported: PersonExport }> {
  const team = await findTeam(db, teamIdOrName);
  const personId = await findPerson(db, team.id, keyOrEmail);
  const records = personId ? await gatherPerson(serverSource(db, team.id), personId) : null;
  if (!records) throw new AuthError(404, `nobody in ${team.name} has the profile key or email “${keyOrEmail}”`);
  const ids = [...idsToName(records)];
  const named = await db.query<{ kind: string; doc: Member | Requisition }>("SELECT kind, doc FROM entities WHERE team_id = $1 AND kind IN ('member', 'requisition') AND id = ANY($2::text[])", [team.id, ids]);
  const names: Record<string, string> = {};
  for (const { doc } of named) names[doc.id] = 'title' in doc ? doc.title : doc.name;
  return { team, exported: { format: 'tandem-person-export', version: 1, exportedAt: now, source: 'server', ...records, names } };
}
