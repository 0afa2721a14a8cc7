import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { MAX_PUSH_MUTATIONS, PUSH_BATCH_BYTES, type Me, type OutboxEntry, type PushRequest, type Rejection, utf8Length } from '@/lib/model';
import { refreshMe } from './account';
import { fillDeferredIndexes, readIndexBacklog } from '@/lib/db/deferred-indexes';
import { fillUpgradeWalks } from '@/lib/db/upgrade-walks';
import { HISTORY_SLICE_MS, firstSyncFor, followMainPage, learnUpTo, mainPhase, pullHistory, readFirstSync } from './first-sync';
import { teamOutbox } from './outbox';
import { applyPullPage, restartFromZero } from './rebase';
import { type Session, patchSyncState, readSession, readSyncState } from './session';
import { RateLimitedError, ServerError, type SyncTransport } from './transport';

/** As many as the server takes in one push: each push has a fixed cost (its transaction, the team's lock, a dozen queries). */
export const PUSH_BATCH = MAX_PUSH_MUTATIONS;
/** The server's maximum page: fewer round trips on a first pull of a big team. */
export const PULL_LIMIT = 5000;

/** The member the device acts as while signed in. */
export function actorOf(session: Session, role: Me['role']) {
  return { memberId: session.memberId, teamId: session.teamId, role };
}

async function currentRole(db: TandemDB, session: Session): Promise<Me['role']> {
  const member = await db.members.get(session.memberId);
  if (member) return member.role;
  const me = (await db.local.get(LOCAL_KEYS.me))?.value as Me | undefined;
  return me?.role ?? 'sourcer';
}

type PushMutation = PushRequest['mutations'][number];
const toPush = (e: OutboxEntry): PushMutation => ({ id: e.mutationId, name: e.name, args: e.args });

/** One push, ready to send: its entries, its body and that body as the JSON sent. */
interface PreparedPush {
  batch: OutboxEntry[];
  body: PushRequest;
  json: string;
}

/**
 * The longest run of `entries` whose push body stays within `maxBytes` (as UTF-8 JSON, what
 * the server's body limit counts), and always the first entry. Each entry is serialized once:
 * the body's JSON is built from the same pieces that were measured.
 */
function fitInBody(clientId: string, entries: OutboxEntry[], maxBytes: number): PreparedPush {
  const head = `{"clientId":${JSON.stringify(clientId)},"mutations":[`;
  let bytes = utf8Length(head) + 2;
  const parts: string[] = [];
  for (const entry of entries) {
    const part = JSON.stringify(toPush(entry));
    bytes += utf8Length(part) + (parts.length > 0 ? 1 : 0);
    if (parts.length > 0 && bytes > maxBytes) break;
    parts.push(part);
  }
  const batch = entries.slice(0, parts.length);
  return { batch, body: { clientId, mutations: batch.map(toPush) }, json: `${head}${parts.join(',')}]}` };
}

const isTooLarge = (e: unknown) => e instanceof ServerError && e.status === 413;

/**
 * Sends the team's outbox in order, in batches capped in count and in bytes; returns the
 * rejections the server reported. One push is in flight at a time (the outbox's order is the
 * contract); the next batch is read and serialized while the server handles the current one,
 * and used only if the current one is acknowledged whole. A 413 (a proxy with a smaller limit
 * than ours) halves the batch for the rest of the round; a change too large to send alone is
 * refused here, with a reason, rather than blocking every change after it.
 */
export async function pushAll(db: TandemDB, transport: SyncTransport, session: Session): Promise<Rejection[]> {
  const rejected: Rejection[] = [];
  let maxCount = PUSH_BATCH;
  let maxBytes = PUSH_BATCH_BYTES;
  const prepare = async (after: number) => ({ after, ...fitInBody(session.clientId, await teamOutbox(db, session.teamId, after).limit(maxCount).toArray(), maxBytes) });
  let next = prepare(0);
  for (;;) {
    const { after, batch, body, json } = await next;
    if (batch.length === 0) return rejected;
    const last = batch[batch.length - 1]!.mutationId;
    const following = prepare(last);
    // Awaited in the next turn of the loop, or dropped when this push fails.
    following.catch(() => undefined);
    let res;
    try {
      res = await transport.push(body, json);
    } catch (e) {
      if (!isTooLarge(e)) throw e;
      if (batch.length > 1) {
        maxCount = Math.ceil(batch.length / 2);
        maxBytes = Math.ceil(utf8Length(json) / 2);
        next = prepare(after);
        continue;
      }
      const [entry] = batch;
      const reason = `it is too large to send (${utf8Length(json).toLocaleString('en-US')} bytes; the server refused it as too large)`;
      await db.transaction('rw', db.outbox, db.rejections, async () => {
        await db.outbox.delete(entry!.mutationId);
        await db.rejections.put({ mutationId: entry!.mutationId, name: entry!.name, reason, at: Date.now() });
      });
      rejected.push({ mutationId: entry!.mutationId, name: entry!.name, reason });
      next = prepare(entry!.mutationId);
      continue;
    }
    rejected.push(...res.rejected);
    if (res.rejected.length) await db.rejections.bulkPut(res.rejected.map((r) => ({ ...r, at: Date.now() })));
    next = following;
  }
}

/**
 * Pulls every page since the cursor, rebasing pending changes on each. A page from another
 * epoch than the cursor's, or one that says `reset` (the server's database was restored), makes
 * the device forget the team's rows and pull again from zero, once per round.
 */
export async function pullAll(db: TandemDB, transport: SyncTransport, session: Session): Promise<void> {
  let restarted = false;
  let state = await readSyncState(db);
  // A pull from zero is a first sign-in: recent history first (docs/sync.md).
  let first = await firstSyncFor(db, session.teamId);
  const ask = (cursor: number) => {
    const request = transport.pull({ clientId: session.clientId, cursor, limit: PULL_LIMIT, since: state.rejectionsSince, ...mainPhase(first) });
    // Awaited in the next turn of the loop, or dropped when writing this page fails.
    request.catch(() => undefined);
    return request;
  };
  let next = ask(state.cursor);
  for (;;) {
    const page = await next;
    if (page.reset || (state.epoch !== null && page.epoch !== state.epoch)) {
      if (restarted) throw new ServerError(200, 'the server changed its sync epoch twice in one pull; trying again later');
      restarted = true;
      await restartFromZero(db, page.epoch);
      state = await readSyncState(db);
      first = await firstSyncFor(db, session.teamId);
      next = ask(state.cursor);
      continue;
    }
    first = learnUpTo(first, page);
    // The next page is asked for while this one is written (the server builds it meanwhile).
    // The cursor moves only when this page's transaction commits: if it fails, the page asked
    // for is dropped with the error and the next pull starts from the stored cursor.
    if (page.more) next = ask(page.cursor);
    // The member's role can change on the server; pending changes replay with the new one.
    const role = page.rows.find((r) => r.kind === 'member' && r.id === session.memberId)?.doc as { role?: Me['role'] } | null | undefined;
    // The recent phase of a first sign-in leaves people's search words and lastActivity for after
    // it, unless it is all one page: then the device is usable no sooner for it, and the walk
    // would only write every person again.
    const deferIndexes = first?.phase === 'recent' && (page.more || state.cursor !== 0);
    await applyPullPage(db, page, actorOf(session, role?.role ?? (await currentRole(db, session))), Date.now(), followMainPage(db, first, page), deferIndexes);
    if (!page.more) return refreshMe(db, session);
    state = await readSyncState(db);
    first = await firstSyncFor(db, session.teamId);
    // Another pull moved the cursor meanwhile: the page asked for may no longer follow on.
    if (state.cursor !== page.cursor) next = ask(state.cursor);
  }
}

/**
 * Pulls until the device holds all of the team's rows, a first sign-in's older history included:
 * a fresh device's full pull, for benches and tests, as rounds of the scheduler would do it.
 */
export async function pullEverything(db: TandemDB, transport: SyncTransport, session: Session): Promise<void> {
  do await pullAll(db, transport, session);
  while (await backgroundSlice(db, transport, session));
}

/**
 * After the main pull of a round, a slice of what a first sign-in left for the background:
 * `lastActivity` and the search words its recent phase left out (once usable, so the People
 * search is whole soonest), then its older history. Returns whether anything is left (another
 * round should follow at once). Exported for the benches, which time the phases.
 */
export async function backgroundSlice(db: TandemDB, transport: SyncTransport, session: Session): Promise<boolean> {
  const recent = (await readFirstSync(db, session.teamId))?.phase === 'recent';
  if (!recent && (await indexUpkeep(db))) return true;
  // The last page of older history leaves the walk `lastActivity` to make again: that is left too.
  return (await pullHistory(db, transport, session, actorOf(session, await currentRole(db, session)))) || (await readIndexBacklog(db)) !== undefined;
}

/**
 * A slice of the walks that complete this device's own indexes: what a first sign-in left out
 * (lib/db/deferred-indexes.ts), then what schema upgrades left (lib/db/upgrade-walks.ts).
 * Not during a first sign-in's recent phase. Returns whether any is left.
 */
export async function indexUpkeep(db: TandemDB): Promise<boolean> {
  return (await fillDeferredIndexes(db, HISTORY_SLICE_MS)) || (await fillUpgradeWalks(db, HISTORY_SLICE_MS));
}

/**
 * One full round: push everything pending, then pull until up to date, then a slice of a first
 * sign-in's older history (`historyLeft`: another round should follow at once). A failed push never
 * stops the pull (a change the server will not take must not cut the member off from the
 * team's); its error is thrown after the pull, so the round still counts as failed and retries.
 * A 429 stops the round at once: the server asked for quiet. Throws transport errors.
 */
export async function syncOnce(db: TandemDB, transport: SyncTransport, { push = true } = {}): Promise<{ historyLeft: boolean }> {
  const session = await readSession(db);
  if (!session) return { historyLeft: false };
  let pushError: Error | null = null;
  if (push) {
    try {
      await pushAll(db, transport, session);
    } catch (e) {
      if (e instanceof RateLimitedError) throw e;
      pushError = e instanceof Error ? e : new Error(String(e));
    }
  }
  await pullAll(db, transport, session);
  // Search words and older history of a first sign-in, a slice a round, so new changes are never
  // held behind them; like the pull, whatever happened to the push.
  const historyLeft = await backgroundSlice(db, transport, session);
  if (pushError !== null) throw pushError;
  await patchSyncState(db, { lastSyncedAt: Date.now() });
  return { historyLeft };
}
