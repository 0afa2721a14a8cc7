import { z } from 'zod';
import type { Database, Queryable } from '@/server/db/database';
import { MUTATIONS, MutationRefused, NO_CHANGE, type Actor } from '@/lib/mutations';
import type { PushRequest, PushResponse, Rejection } from '@/lib/model';
import { PushBatch } from './push-batch';
import { SqlStore, nextVersion } from './sql-store';
import { Forgotten } from './forgotten';
import type { ErasureBy } from './erasure';

/** The client is bound to another member: its outbox is not the caller's to push. */
export class ClientNotYours extends Error {}

/** The client's row, created for the caller on first use; locked until the transaction ends. */
export async function claimClient(tx: Queryable, clientId: string, memberId: string, { lock }: { lock: boolean }): Promise<number> {
  await tx.query('INSERT INTO clients (id, member_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [clientId, memberId]);
  const [client] = await tx.query<{ member_id: string; last_mutation_id: number }>(
    `SELECT member_id, last_mutation_id FROM clients WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [clientId],
  );
  if (!client || client.member_id !== memberId) throw new ClientNotYours('this client id belongs to another member');
  return Number(client.last_mutation_id);
}

/** How deep a mutation's parsed arguments may nest; real ones are a few levels deep. */
const MAX_ARGS_DEPTH = 32;

/**
 * Why parsed arguments cannot be stored as jsonb, or null. Postgres refuses NUL characters and
 * unpaired surrogates in jsonb text, and deep nesting overflows JSON.stringify: such input
 * would otherwise fail the whole push with a 500 on every retry and wedge the client's queue.
 * Walks without recursion, so the check itself cannot overflow.
 */
function unstorable(args: unknown): string | null {
  const stack: [unknown, number][] = [[args, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'text must not contain NUL characters';
      if (!value.isWellFormed()) return 'text must be valid Unicode (it has an unpaired surrogate)';
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_ARGS_DEPTH) return `the arguments are nested more than ${MAX_ARGS_DEPTH} levels deep`;
      for (const [key, child] of Object.entries(value)) stack.push([key, depth], [child, depth + 1]);
    }
  }
  return null;
}

/** Why a mutation cannot be applied, or null when it can be tried. */
function refusal(name: string, args: unknown): { reason: string } | { args: unknown } {
  const mutation = MUTATIONS.get(name);
  if (!mutation) return { reason: `unknown mutation ${storableText(name)}` };
  const parsed = mutation.args.safeParse(args);
  if (!parsed.success) return { reason: z.prettifyError(parsed.error) };
  const reason = unstorable(parsed.data);
  return reason === null ? { args: parsed.data } : { reason };
}

/** Names and reasons are stored as text, which cannot hold NUL; they echo client input. */
function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').toWellFormed();
}

/**
 * A database error that the same input would raise on every retry: data exceptions (class 22:
 * bad text, numbers out of range, invalid JSON) and program limits (class 54). Refusing the
 * mutation keeps the queue moving; anything else (connection lost, deadlock) stays a 5xx so
 * the client retries.
 */
function isDataError(e: unknown): e is Error & { code: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && /^(22|54)/.test(code);
}

/** A push whose batched write hit a data error: it is applied again one mutation at a time. */
class RetryOneByOne extends Error {}

/**
 * Applies a client's mutations in order, in one transaction. A mutation at or below the
 * client's last id is a retry and is skipped; one that fails validation or a rule is recorded
 * with its reason and still advances the client's last id, so it never blocks the ones after
 * it. Each applied mutation gets the next version of the team; the team row stays locked until
 * commit, so versions become visible in commit order. A mutation that would write a row no
 * device could read (server/sync/readable.ts) is refused like one that breaks a rule.
 *
 * The mutations run against an in-memory view of the team (one prefetch, writes kept until the
 * end and written in a few statements): a push costs a dozen queries, not several per mutation.
 * If that final write hits a data error (text Postgres cannot store), the push is applied again
 * the careful way, each mutation in its own savepoint, so only the bad one is refused.
 */
export function push(db: Database, actor: Actor, request: PushRequest): Promise<PushResponse> {
  return batchedElseOneByOne(db, (tx, way) => way(tx, actor, request));
}

type PushWay = (tx: Queryable, actor: Actor, request: PushRequest) => Promise<PushResponse>;

/** Runs `work` the batched way in a transaction, and again one by one in another after a data error. */
async function batchedElseOneByOne(db: Database, work: (tx: Queryable, way: PushWay) => Promise<PushResponse>): Promise<PushResponse> {
  try {
    return await db.transaction((tx) => work(tx, pushBatched));
  } catch (e) {
    if (!(e instanceof RetryOneByOne)) throw e;
    return db.transaction((tx) => work(tx, pushOneByOne));
  }
}

/**
 * Runs one mutation as `actor` through the push path, as if their device had pushed it from
 * the client `clientId` (the server's own pages, such as the review link, use one client per
 * link): the next mutation id is taken under the client's lock, so two at once never share one.
 * Returns why it was refused, or null.
 */
export async function pushOne(db: Database, actor: Actor, clientId: string, name: string, args: unknown): Promise<string | null> {
  const response = await batchedElseOneByOne(db, async (tx, way) => {
    const last = await claimClient(tx, clientId, actor.memberId, { lock: true });
    return way(tx, actor, { clientId, mutations: [{ id: last + 1, name, args }] });
  });
  return response.rejected[0]?.reason ?? null;
}

const erasureBy = (actor: Actor): ErasureBy => ({ memberId: actor.memberId, cause: 'request' });

/** The keyed hashes a mutation's writes put in the suppression list. */
function suppressedBy(writes: Iterable<{ table: string; doc: Record<string, unknown> }>): string[] {
  return [...writes].flatMap((w) => (w.table === 'suppressions' && w.doc.deletedAt === null ? (w.doc.hashes as string[]) : []));
}

async function lockTeamVersion(tx: Queryable, teamId: string): Promise<number> {
  const [team] = await tx.query<{ version: number }>('SELECT version FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
  if (!team) throw new Error(`no team ${teamId}`);
  return Number(team.version);
}

async function pushBatched(tx: Queryable, actor: Actor, request: PushRequest): Promise<PushResponse> {
  let last = await claimClient(tx, request.clientId, actor.memberId, { lock: true });
  const fresh = request.mutations.filter((m) => m.id > last);
  const start = fresh.length ? await lockTeamVersion(tx, actor.teamId) : 0;
  const batch = new PushBatch(tx, actor.teamId, start, erasureBy(actor));
  const checked = fresh.map((m) => ({ m, checked: refusal(m.name, m.args) }));
  const applicable = checked.flatMap(({ checked: c }) => ('args' in c ? [c.args] : []));
  await batch.prefetch(applicable);
  const forgotten = applicable.length ? await Forgotten.load(tx, actor.teamId, applicable) : null;
  const rejected: { mutationId: number; name: string; reason: string }[] = [];
  for (const { m, checked: c } of checked) {
    if (m.id <= last) continue;
    let reason = 'reason' in c ? c.reason : forgotten!.reasonFor(c.args);
    if (reason === null) {
      const scope = batch.scope(m.name);
      try {
        const result = await MUTATIONS.get(m.name)!.apply(scope, (c as { args: unknown }).args, { actor });
        if (result !== NO_CHANGE) {
          batch.commit(scope);
          forgotten!.learn(scope.erasures.flat(), suppressedBy(scope.writes.values()));
        }
      } catch (e) {
        if (!(e instanceof MutationRefused)) throw e;
        reason = e.reason;
      }
    }
    if (reason !== null) rejected.push({ mutationId: m.id, name: storableText(m.name), reason: storableText(reason) });
    last = m.id;
  }
  try {
    await batch.flush();
  } catch (e) {
    if (isDataError(e)) throw new RetryOneByOne(e.message);
    throw e;
  }
  if (batch.version > start) await tx.query('UPDATE teams SET version = $2 WHERE id = $1', [actor.teamId, batch.version]);
  if (rejected.length) {
    await tx.query(
      `INSERT INTO rejections (client_id, mutation_id, name, reason)
       SELECT $1, r.id, r.name, r.reason FROM unnest($2::bigint[], $3::text[], $4::text[]) AS r(id, name, reason)
       ON CONFLICT DO NOTHING`,
      [request.clientId, rejected.map((r) => r.mutationId), rejected.map((r) => r.name), rejected.map((r) => r.reason)],
    );
  }
  return finish(tx, request, last);
}

/** Acknowledges up to `last` and reports the rejections among the pushed ids (retries included). */
async function finish(tx: Queryable, request: PushRequest, last: number): Promise<PushResponse> {
  const pushedIds = request.mutations.map((m) => m.id);
  if (pushedIds.length === 0) return { lastMutationId: last, rejected: [] };
  await tx.query('UPDATE clients SET last_mutation_id = $2 WHERE id = $1 AND last_mutation_id < $2', [request.clientId, last]);
  const rejected = await tx.query<{ mutation_id: number; name: string; reason: string }>(
    'SELECT mutation_id, name, reason FROM rejections WHERE client_id = $1 AND mutation_id = ANY($2::bigint[]) ORDER BY mutation_id',
    [request.clientId, pushedIds],
  );
  return { lastMutationId: last, rejected: rejected.map(toRejection) };
}

/** The careful way: each mutation in its own savepoint, with its own version bump. */
async function pushOneByOne(tx: Queryable, actor: Actor, request: PushRequest): Promise<PushResponse> {
  let last = await claimClient(tx, request.clientId, actor.memberId, { lock: true });
  for (const m of request.mutations) {
    if (m.id <= last) continue;
    const checked = refusal(m.name, m.args);
    const reason =
      'reason' in checked ? checked.reason : ((await Forgotten.load(tx, actor.teamId, [checked.args])).reasonFor(checked.args) ?? (await applyOne(tx, actor, m.name, checked.args)));
    if (reason !== null) {
      await tx.query('INSERT INTO rejections (client_id, mutation_id, name, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        request.clientId,
        m.id,
        storableText(m.name),
        storableText(reason),
      ]);
    }
    last = m.id;
  }
  return finish(tx, request, last);
}

/** Applies one mutation inside a savepoint; returns the reason it was refused, or null. */
async function applyOne(tx: Queryable, actor: Actor, name: string, args: unknown): Promise<string | null> {
  const mutation = MUTATIONS.get(name)!;
  await tx.query('SAVEPOINT mutation');
  try {
    const version = await nextVersion(tx, actor.teamId);
    const result = await mutation.apply(new SqlStore(tx, actor.teamId, version, name, erasureBy(actor)), args, { actor });
    // Nothing written: give the version back so it is not a gap (only cosmetic).
    if (result === NO_CHANGE) await tx.query('ROLLBACK TO SAVEPOINT mutation');
    await tx.query('RELEASE SAVEPOINT mutation');
    return null;
  } catch (e) {
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    await tx.query('RELEASE SAVEPOINT mutation');
    if (e instanceof MutationRefused) return e.reason;
    if (isDataError(e)) return `the server could not store this change: ${e.message}`;
    throw e;
  }
}

export function toRejection(r: { mutation_id: number; name: string; reason: string }): Rejection {
  return { mutationId: Number(r.mutation_id), name: r.name, reason: r.reason };
}
