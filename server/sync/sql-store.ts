import type { Queryable } from '@/server/db/database';
import type { Draft, MutationStore } from '@/lib/mutations/store';
import { type Alias, KIND_OF_TABLE, type Member, type Prospect, type ReviewDecision, type ReviewRequest, type SyncedRows, type SyncedTable, readableOnlyBy, suppressionHash } from '@/lib/model';
import { MutationRefused } from '@/lib/mutations/define';
import { unreadableReason } from './readable';
import { type ErasureBy, eraseRows, teamSecret } from './erasure';

/**
 * The server's side of a mutation, inside the push transaction: reads and writes the caller's
 * team only, stamps every write with this mutation's version, and refuses a row no device
 * could read.
 */
export class SqlStore implements MutationStore {
  constructor(
    private readonly tx: Queryable,
    private readonly teamId: string,
    private readonly version: number,
    private readonly mutation: string,
    private readonly erasureBy: ErasureBy,
  ) {}

  async get<T extends SyncedTable>(table: T, id: string): Promise<SyncedRows[T] | undefined> {
    const [row] = await this.tx.query<{ doc: SyncedRows[T] }>('SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 AND id = $3', [
      this.teamId,
      KIND_OF_TABLE[table],
      id,
    ]);
    return row?.doc;
  }

  async put<T extends SyncedTable>(table: T, draft: Draft<T>): Promise<void> {
    const doc = { ...draft, teamId: this.teamId, version: this.version } as unknown as SyncedRows[T];
    const unreadable = unreadableReason(table, doc);
    if (unreadable) throw new MutationRefused(this.mutation, unreadable);
    await writeEntity(this.tx, this.teamId, table, doc, this.version);
    if (table === 'members') await mirrorMembers(this.tx, this.teamId, [doc as Member]);
  }

  async findProspectByKey(key: string): Promise<Prospect | undefined> {
    const [row] = await this.tx.query<{ doc: Prospect }>(
      `SELECT e.doc FROM prospect_keys k
         JOIN entities e ON e.team_id = k.team_id AND e.kind = 'prospect' AND e.id = k.prospect_id
        WHERE k.team_id = $1 AND k.key = $2 AND e.doc->>'deletedAt' IS NULL`,
      [this.teamId, key],
    );
    return row?.doc;
  }

  async decisionsFor(requestId: string): Promise<ReviewDecision[]> {
    const rows = await this.tx.query<{ doc: ReviewDecision }>(
      "SELECT doc FROM entities WHERE team_id = $1 AND kind = 'review_decision' AND doc->>'requestId' = $2",
      [this.teamId, requestId],
    );
    return rows.map((r) => r.doc);
  }

  async openRequestsTo(requisitionId: string, reviewerId: string): Promise<ReviewRequest[]> {
    const rows = await this.tx.query<{ doc: ReviewRequest }>(OPEN_REQUESTS_TO, [this.teamId, requisitionId, reviewerId]);
    return rows.map((r) => r.doc);
  }

  /** The device dedupes views by its own calendar day; the server cannot know the member's time zone. */
  hasViewedOnDay(): Promise<boolean> {
    return Promise.resolve(false);
  }

  aliasesOf(prospectIds: readonly string[]): Promise<Alias[]> {
    return aliasesNaming(this.tx, this.teamId, prospectIds);
  }

  async erasePeople(prospectIds: readonly string[]): Promise<void> {
    await eraseRows(this.tx, this.teamId, prospectIds, this.version, this.erasureBy);
  }

  async suppressionHashes(identifiers: readonly string[]): Promise<string[]> {
    const secret = await teamSecret(this.tx, this.teamId);
    return identifiers.map((i) => suppressionHash(secret, i));
  }
}

/** The team's aliases that stand for one of these ids. */
export async function aliasesNaming(tx: Queryable, teamId: string, prospectIds: readonly string[]): Promise<Alias[]> {
  const rows = await tx.query<{ doc: Alias }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'alias' AND doc ->> 'prospectId' = ANY($2::text[])", [teamId, prospectIds]);
  return rows.map((r) => r.doc);
}

/** Open review requests of a team's requisition addressed to one reviewer ($1 team, $2 requisition, $3 reviewer). */
export const OPEN_REQUESTS_TO = `SELECT doc FROM entities
  WHERE team_id = $1 AND kind = 'review_request' AND doc->>'requisitionId' = $2 AND doc->>'reviewerId' = $3
    AND doc->>'status' = 'open' AND doc->>'deletedAt' IS NULL`;

/** Upserts one synced record, with who may read it. */
export async function writeEntity<T extends SyncedTable>(tx: Queryable, teamId: string, table: T, doc: SyncedRows[T], version: number) {
  const visibleTo = readableOnlyBy(table, doc);
  const json = JSON.stringify(doc);
  await tx.query(
    `INSERT INTO entities (team_id, kind, id, version, doc, visible_to, ever_public, bytes)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::text, $6::text IS NULL, $7)
     ON CONFLICT (team_id, kind, id) DO UPDATE
       SET version = excluded.version, doc = excluded.doc, visible_to = excluded.visible_to, bytes = excluded.bytes,
           ever_public = entities.ever_public OR excluded.ever_public`,
    [teamId, KIND_OF_TABLE[table], doc.id, version, json, visibleTo, Buffer.byteLength(json)],
  );
  if (table === 'prospects') {
    for (const [key, id] of liveKeys(doc as SyncedRows['prospects'])) {
      await tx.query(`INSERT INTO prospect_keys (team_id, key, prospect_id) VALUES ($1, $2, $3) ${KEY_OWNER_CONFLICT}`, [teamId, key, id]);
    }
  }
}

/**
 * A profile key names the live person whose record lists it. The mutations keep one live
 * person per key (upsert finds the owner, attach refuses another's key), so the record written
 * last is the owner: after a merge the person who stays, and a person created again after the
 * first was erased. A tombstone's keys are not written (the merged-away record keeps its
 * profiles as history; its keys are the survivor's).
 */
export const KEY_OWNER_CONFLICT = 'ON CONFLICT (team_id, key) DO UPDATE SET prospect_id = excluded.prospect_id';

export function liveKeys(prospect: Prospect): (readonly [string, string])[] {
  return prospect.deletedAt === null ? prospect.profiles.map((p) => [p.key, prospect.id] as const) : [];
}

/**
 * A member's name, time zone, reminder rules and check-in mail are in their synced record and in
 * the `members` table (which sign-in, the admin CLI, the mail queue and every later record of
 * them are made from). A push that changes the record (`member.update`) changes the table in the
 * same transaction, so the two never disagree. Only these columns: role and access are the
 * admin's, never a push's.
 */
export async function mirrorMembers(tx: Queryable, teamId: string, members: Member[]): Promise<void> {
  if (members.length === 0) return;
  const column = <T>(pick: (m: Member) => T | null | undefined) => members.map((m) => pick(m) ?? null);
  await tx.query(
    `UPDATE members m SET name = u.name, time_zone = u.time_zone, working_days = CASE WHEN u.working_days = '' THEN NULL ELSE string_to_array(u.working_days, ',')::smallint[] END,
            quiet_start = u.quiet_start, quiet_end = u.quiet_end, check_in_weekday = u.check_in_weekday, check_in_time = u.check_in_time
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::smallint[], $9::text[])
            AS u(id, name, time_zone, working_days, quiet_start, quiet_end, check_in_weekday, check_in_time)
      WHERE m.team_id = $1 AND m.id = u.id`,
    [
      teamId,
      column((m) => m.id),
      column((m) => m.name),
      column((m) => m.timeZone),
      // An array per member does not fit unnest: the days travel as "2,3,4" ('' for the defaults).
      members.map((m) => m.workingDays?.join(',') ?? ''),
      column((m) => m.quietHours?.start),
      column((m) => m.quietHours?.end),
      column((m) => m.checkInMail?.weekday),
      column((m) => m.checkInMail?.time),
    ],
  );
}

/** Takes the next version of the team under its row lock (held until the transaction ends). */
export async function nextVersion(tx: Queryable, teamId: string): Promise<number> {
  const [row] = await tx.query<{ version: number }>('UPDATE teams SET version = version + 1 WHERE id = $1 RETURNING version', [teamId]);
  if (!row) throw new Error(`no team ${teamId}`);
  return Number(row.version);
}
