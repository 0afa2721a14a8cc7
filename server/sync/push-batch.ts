import type { Queryable } from '@/server/db/database';
import type { Draft, MutationStore } from '@/lib/mutations/store';
import { type Alias, KIND_OF_TABLE, type Member, type Prospect, type ReviewDecision, type ReviewRequest, type SyncedRows, type SyncedTable, readableOnlyBy, suppressionHash } from '@/lib/model';
import { MutationRefused } from '@/lib/mutations/define';
import { unreadableReason } from './readable';
import { KEY_OWNER_CONFLICT, OPEN_REQUESTS_TO, aliasesNaming, liveKeys, mirrorMembers } from './sql-store';
import { type ErasureBy, eraseRows, teamSecret } from './erasure';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const KINDS = Object.values(KIND_OF_TABLE);

/** A row as the push writes it: its document's JSON and that JSON's size in UTF-8 bytes. */
interface EntityRow {
  kind: string;
  id: string;
  version: number;
  json: string;
  bytes: number;
  visibleTo: string | null;
}

interface Write {
  table: SyncedTable;
  doc: { id: string } & Record<string, unknown>;
}

/** Every ULID and profile key in a push's arguments: what its mutations will look up. */
export function referenced(args: unknown[]): { ids: string[]; keys: string[] } {
  const ids = new Set<string>();
  const keys = new Set<string>();
  const stack: unknown[] = [...args];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      // The length first: most strings (note bodies, names) are not ids.
      if (value.length === 26 && ULID.test(value)) ids.add(value);
    } else if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.key === 'string' && typeof record.site === 'string') keys.add(record.key);
      stack.push(...Object.values(record));
    }
  }
  return { ids: [...ids], keys: [...keys] };
}

/**
 * A push's view of its team, in memory: what its mutations read comes from one prefetch (and
 * a cache), what they write is kept until the end and written in a few statements. A refused
 * mutation's writes are simply dropped, so no savepoint is needed; each applied mutation still
 * gets its own version. The caller holds the team row's lock for the whole transaction.
 */
export class PushBatch {
  private readonly rows = new Map<string, unknown>();
  private readonly prefetchedIds = new Set<string>();
  /** Rows (kind:id) found in the database by this push, whatever it wrote over them since. */
  private readonly stored = new Set<string>();
  /** Rows (kind:id) looked up one by one and not found. */
  private readonly missing = new Set<string>();
  private readonly keys = new Map<string, string | null>();
  private readonly decisions = new Map<string, ReviewDecision[]>();
  private readonly openRequests = new Map<string, ReviewRequest[]>();
  private readonly writes = new Map<string, Write>();
  /** Erasures of this push, run after its writes (so nothing it wrote about the person survives). */
  private readonly erasures: { ids: readonly string[]; version: number }[] = [];

  constructor(
    private readonly tx: Queryable,
    private readonly teamId: string,
    public version: number,
    private readonly erasureBy: ErasureBy,
  ) {}

  /** Aliases of these ids as stored, with this push's aliases put over them. */
  async aliasesOf(prospectIds: readonly string[]): Promise<Alias[]> {
    const wanted = new Set(prospectIds);
    const byId = new Map((await aliasesNaming(this.tx, this.teamId, prospectIds)).map((a) => [a.id, a]));
    for (const w of this.writes.values()) if (w.table === 'aliases') byId.set(w.doc.id, w.doc as unknown as Alias);
    return [...byId.values()].filter((a) => wanted.has(a.prospectId));
  }

  secret(): Promise<string> {
    return teamSecret(this.tx, this.teamId);
  }

  async prefetch(args: unknown[]): Promise<void> {
    const { ids, keys } = referenced(args);
    if (ids.length) {
      // Every kind named, so the lookup walks the primary key: by id alone it read every row of the team.
      const found = await this.tx.query<{ kind: string; id: string; doc: unknown }>('SELECT kind, id, doc FROM entities WHERE team_id = $1 AND kind = ANY($2::text[]) AND id = ANY($3::text[])', [
        this.teamId,
        KINDS,
        ids,
      ]);
      for (const r of found) {
        this.rows.set(`${r.kind}:${r.id}`, r.doc);
        this.stored.add(`${r.kind}:${r.id}`);
      }
      for (const id of ids) this.prefetchedIds.add(id);
    }
    if (keys.length) {
      const found = await this.tx.query<{ key: string; id: string; doc: Prospect }>(
        `SELECT k.key, e.id, e.doc FROM prospect_keys k
           JOIN entities e ON e.team_id = k.team_id AND e.kind = 'prospect' AND e.id = k.prospect_id
          WHERE k.team_id = $1 AND k.key = ANY($2::text[])`,
        [this.teamId, keys],
      );
      for (const key of keys) this.keys.set(key, null);
      for (const r of found) {
        this.keys.set(r.key, r.id);
        this.rows.set(`prospect:${r.id}`, r.doc);
      }
    }
  }

  async read(table: SyncedTable, id: string): Promise<unknown> {
    const key = `${KIND_OF_TABLE[table]}:${id}`;
    if (this.rows.has(key)) return this.rows.get(key);
    if (this.prefetchedIds.has(id)) return undefined;
    const [row] = await this.tx.query<{ doc: unknown }>('SELECT doc FROM entities WHERE team_id = $1 AND kind = $2 AND id = $3', [this.teamId, KIND_OF_TABLE[table], id]);
    this.rows.set(key, row?.doc);
    (row ? this.stored : this.missing).add(key);
    return row?.doc;
  }

  async prospectIdForKey(key: string): Promise<string | null> {
    if (!this.keys.has(key)) {
      const [row] = await this.tx.query<{ prospect_id: string }>('SELECT prospect_id FROM prospect_keys WHERE team_id = $1 AND key = $2', [this.teamId, key]);
      this.keys.set(key, row?.prospect_id ?? null);
    }
    return this.keys.get(key) ?? null;
  }

  /** The request's decisions as stored, with this push's earlier writes applied. */
  async storedDecisions(requestId: string): Promise<ReviewDecision[]> {
    let stored = this.decisions.get(requestId);
    if (!stored) {
      stored = (await this.tx.query<{ doc: ReviewDecision }>("SELECT doc FROM entities WHERE team_id = $1 AND kind = 'review_decision' AND doc->>'requestId' = $2", [this.teamId, requestId])).map((r) => r.doc);
      this.decisions.set(requestId, stored);
    }
    const byId = new Map(stored.map((d) => [d.id, d]));
    for (const w of this.writes.values()) {
      if (w.table === 'reviewDecisions' && (w.doc as unknown as ReviewDecision).requestId === requestId) byId.set(w.doc.id, w.doc as unknown as ReviewDecision);
    }
    return [...byId.values()];
  }

  /** Review requests of a requisition to a reviewer as stored (open then), by id, before this push's writes. */
  async storedOpenRequests(requisitionId: string, reviewerId: string): Promise<Map<string, ReviewRequest>> {
    const key = `${requisitionId}:${reviewerId}`;
    let stored = this.openRequests.get(key);
    if (!stored) {
      stored = (await this.tx.query<{ doc: ReviewRequest }>(OPEN_REQUESTS_TO, [this.teamId, requisitionId, reviewerId])).map((r) => r.doc);
      this.openRequests.set(key, stored);
    }
    return withWrites(stored, this.writes.values());
  }

  /** Makes one mutation's writes part of the push, under the next version. */
  commit(scope: MutationScope): void {
    for (const ids of scope.erasures) {
      this.erasures.push({ ids, version: this.version + 1 });
      // Later mutations of the push find nobody under these ids or keys.
      for (const id of ids) this.rows.set(`prospect:${id}`, undefined);
      for (const [key, id] of this.keys) if (id !== null && ids.includes(id)) this.keys.set(key, null);
    }
    for (const w of scope.writes.values()) {
      const key = `${KIND_OF_TABLE[w.table]}:${w.doc.id}`;
      this.rows.set(key, w.doc);
      this.writes.set(key, w);
      if (w.table === 'prospects') for (const [key, id] of liveKeys(w.doc as unknown as Prospect)) this.keys.set(key, id);
    }
    if (scope.writes.size > 0 || scope.erasures.length > 0) this.version++;
  }

  scope(mutation: string): MutationScope {
    return new MutationScope(this, this.teamId, this.version + 1, mutation);
  }

  /** Writes everything the push changed: a statement for the rows, one for new profile keys, one for renamed members. */
  async flush(): Promise<void> {
    await this.flushWrites();
    for (const { ids, version } of this.erasures) await eraseRows(this.tx, this.teamId, ids, version, this.erasureBy);
  }

  /**
   * Not in the database when the push began, so an INSERT cannot meet it (every writer of a
   * team's rows holds the team's lock, which this push holds until it commits).
   */
  private isNew(key: string, id: string): boolean {
    return !this.stored.has(key) && (this.prefetchedIds.has(id) || this.missing.has(key));
  }

  private async flushWrites(): Promise<void> {
    if (this.writes.size === 0) return;
    const copied: EntityRow[] = [];
    const upserted: EntityRow[] = [];
    for (const [key, w] of this.writes) {
      const json = JSON.stringify(w.doc);
      const row = { kind: KIND_OF_TABLE[w.table], id: w.doc.id, version: w.doc.version as number, json, bytes: Buffer.byteLength(json), visibleTo: readableOnlyBy(w.table, w.doc as never) };
      (this.tx.copyRows && this.isNew(key, w.doc.id) ? copied : upserted).push(row);
    }
    if (copied.length) {
      await this.tx.copyRows!(
        'entities',
        ['team_id', 'kind', 'id', 'version', 'doc', 'visible_to', 'ever_public', 'bytes'],
        copied.map((r) => [this.teamId, r.kind, r.id, r.version, r.json, r.visibleTo, r.visibleTo === null, r.bytes]),
      );
    }
    if (upserted.length) {
      // One jsonb parameter of [kind, id, version, doc, visible_to, bytes] rows: Postgres parses
      // the documents in one pass, where a jsonb[] array literal is unescaped and then parsed
      // document by document.
      await this.tx.query(
        `INSERT INTO entities (team_id, kind, id, version, doc, visible_to, ever_public, bytes)
         SELECT $1, w->>0, w->>1, (w->>2)::bigint, w->3, w->>4, w->>4 IS NULL, (w->>5)::integer
           FROM jsonb_array_elements($2::jsonb) AS w
         ON CONFLICT (team_id, kind, id) DO UPDATE
           SET version = excluded.version, doc = excluded.doc, visible_to = excluded.visible_to, bytes = excluded.bytes,
               ever_public = entities.ever_public OR excluded.ever_public`,
        [this.teamId, `[${upserted.map((r) => `[${JSON.stringify(r.kind)},${JSON.stringify(r.id)},${r.version},${r.json},${JSON.stringify(r.visibleTo)},${r.bytes}]`).join(',')}]`],
      );
    }
    const docs = [...this.writes.values()];
    await mirrorMembers(
      this.tx,
      this.teamId,
      docs.filter((w) => w.table === 'members').map((w) => w.doc as unknown as Member),
    );
    // One row per key: Postgres refuses an upsert that touches a row twice.
    const keys = [...new Map(docs.flatMap((w) => (w.table === 'prospects' ? liveKeys(w.doc as unknown as Prospect) : []))).entries()];
    if (keys.length) {
      await this.tx.query(
        `INSERT INTO prospect_keys (team_id, key, prospect_id)
         SELECT $1, k.key, k.prospect_id FROM unnest($2::text[], $3::text[]) AS k(key, prospect_id)
         ${KEY_OWNER_CONFLICT}`,
        [this.teamId, keys.map(([k]) => k), keys.map(([, id]) => id)],
      );
    }
  }
}

/** One mutation's view: reads through to the push, writes kept apart until the mutation succeeds. */
export class MutationScope implements MutationStore {
  readonly writes = new Map<string, Write>();
  readonly erasures: (readonly string[])[] = [];

  constructor(
    private readonly batch: PushBatch,
    private readonly teamId: string,
    private readonly version: number,
    private readonly mutation: string,
  ) {}

  async get<T extends SyncedTable>(table: T, id: string): Promise<SyncedRows[T] | undefined> {
    const own = this.writes.get(`${KIND_OF_TABLE[table]}:${id}`);
    return (own?.doc ?? (await this.batch.read(table, id))) as SyncedRows[T] | undefined;
  }

  put<T extends SyncedTable>(table: T, draft: Draft<T>): Promise<void> {
    const doc = { ...draft, teamId: this.teamId, version: this.version } as unknown as Write['doc'];
    const unreadable = unreadableReason(table, doc);
    if (unreadable) return Promise.reject(new MutationRefused(this.mutation, unreadable));
    this.writes.set(`${KIND_OF_TABLE[table]}:${doc.id}`, { table, doc });
    return Promise.resolve();
  }

  async findProspectByKey(key: string): Promise<Prospect | undefined> {
    for (const w of this.writes.values()) {
      const doc = w.doc as unknown as Prospect;
      if (w.table === 'prospects' && doc.deletedAt === null && doc.profiles.some((p) => p.key === key)) return doc;
    }
    const id = await this.batch.prospectIdForKey(key);
    const prospect = id ? await this.get('prospects', id) : undefined;
    return prospect && prospect.deletedAt === null ? prospect : undefined;
  }

  /** The device dedupes views by its own calendar day; the server cannot know the member's time zone. */
  hasViewedOnDay(): Promise<boolean> {
    return Promise.resolve(false);
  }

  async openRequestsTo(requisitionId: string, reviewerId: string): Promise<ReviewRequest[]> {
    const byId = withWrites([...(await this.batch.storedOpenRequests(requisitionId, reviewerId)).values()], this.writes.values());
    return [...byId.values()].filter((r) => r.requisitionId === requisitionId && r.reviewerId === reviewerId && r.status === 'open' && r.deletedAt === null);
  }

  async aliasesOf(prospectIds: readonly string[]): Promise<Alias[]> {
    const wanted = new Set(prospectIds);
    const byId = new Map((await this.batch.aliasesOf(prospectIds)).map((a) => [a.id, a]));
    for (const w of this.writes.values()) if (w.table === 'aliases') byId.set(w.doc.id, w.doc as unknown as Alias);
    return [...byId.values()].filter((a) => wanted.has(a.prospectId));
  }

  erasePeople(prospectIds: readonly string[]): Promise<void> {
    this.erasures.push([...prospectIds]);
    return Promise.resolve();
  }

  async suppressionHashes(identifiers: readonly string[]): Promise<string[]> {
    const secret = await this.batch.secret();
    return identifiers.map((i) => suppressionHash(secret, i));
  }

  async decisionsFor(requestId: string): Promise<ReviewDecision[]> {
    const byId = new Map((await this.batch.storedDecisions(requestId)).map((d) => [d.id, d]));
    for (const w of this.writes.values()) {
      if (w.table === 'reviewDecisions' && (w.doc as unknown as ReviewDecision).requestId === requestId) byId.set(w.doc.id, w.doc as unknown as ReviewDecision);
    }
    return [...byId.values()];
  }
}

/** Review requests by id, with the requests among `writes` put over them (a later write wins). */
function withWrites(stored: Iterable<ReviewRequest>, writes: Iterable<Write>): Map<string, ReviewRequest> {
  const byId = new Map([...stored].map((r) => [r.id, r]));
  for (const w of writes) if (w.table === 'reviewRequests') byId.set(w.doc.id, w.doc as unknown as ReviewRequest);
  return byId;
}
