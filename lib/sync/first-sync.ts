import { z } from 'zod';
import type { TandemDB } from '@/lib/db/database';
import { leaveIndexesForLater } from '@/lib/db/deferred-indexes';
import { LOCAL_KEYS, readSettings, readValidated } from '@/lib/db/local-state';
import { guardWindowStart } from '@/lib/guard/outreach-guard';
import { NOTICE_REMINDERS_FOR_DAYS } from '@/lib/reminders/runner';
import { MAX_PULL_LIMIT, type PullRequest, type PullResponse, Timestamp } from '@/lib/model';
import type { Actor } from '@/lib/mutations';
import { applyHistoryPage } from './rebase';
import { type Session, readSyncState } from './session';
import type { SyncTransport } from './transport';

/**
 * A first sign-in under way (docs/sync.md, "First sign-in to a large team"): the people and
 * recent history first (`recent`), then the older history (`history`) from its own cursor.
 * Written in the transaction of the page it follows from, so a restarted worker resumes it.
 */
export const FirstSync = z.object({
  teamId: z.string().min(1),
  phase: z.enum(['recent', 'history']),
  /** Activities and notes dated before this are older history. */
  olderThan: Timestamp,
  /** The team's version when it began: learned from the first page (null before it). */
  upTo: z.number().int().nonnegative().nullable(),
  historyCursor: z.number().int().nonnegative(),
  startedAt: Timestamp,
  /** When the recent phase ended: the device was usable from then. */
  usableAt: Timestamp.nullable(),
});
export type FirstSync = z.infer<typeof FirstSync>;

/** How long one sync round writes older history before it lets pushes and the main pull run again. */
export const HISTORY_SLICE_MS = 2_000;

/** The first sign-in under way for this team, if any. */
export async function readFirstSync(db: TandemDB, teamId: string): Promise<FirstSync | undefined> {
  const first = await readValidated(db, LOCAL_KEYS.firstSync, FirstSync);
  return first?.teamId === teamId ? first : undefined;
}

async function writeFirstSync(db: TandemDB, first: FirstSync): Promise<void> {
  await db.local.put({ key: LOCAL_KEYS.firstSync, value: first });
}
const endFirstSync = (db: TandemDB): Promise<void> => db.local.delete(LOCAL_KEYS.firstSync);

/**
 * The first sign-in this main pull belongs to: the one under way, or a new one when the device
 * pulls from zero (a sign-in, a new epoch).
 */
export async function firstSyncFor(db: TandemDB, teamId: string, now = Date.now()): Promise<FirstSync | undefined> {
  const under = await readFirstSync(db, teamId);
  if (under || (await readSyncState(db)).cursor !== 0) return under;
  const first: FirstSync = {
    teamId,
    phase: 'recent',
    // The outreach guard's window, and at least as far back as privacy-notice reminders look (a
    // notice sent is an activity: one still on its way would make a reminder fire wrongly).
    olderThan: guardWindowStart(now, Math.max((await readSettings(db)).guardWindowDays, NOTICE_REMINDERS_FOR_DAYS)),
    upTo: null,
    historyCursor: 0,
    startedAt: now,
    usableAt: null,
  };
  await writeFirstSync(db, first);
  return first;
}

/** What the main pull asks for while a first sign-in is in its recent phase. */
export function mainPhase(first: FirstSync | undefined): Pick<PullRequest, 'phase' | 'upTo' | 'olderThan'> {
  if (first?.phase !== 'recent') return {};
  return { phase: 'recent', olderThan: first.olderThan, ...(first.upTo === null ? {} : { upTo: first.upTo }) };
}

/**
 * The first page of the recent phase says the version it deferred below (`head`): every later
 * page, the one asked for ahead of writing this one included, must defer below the same version,
 * or rows written between the two requests could fall between the phases.
 */
export function learnUpTo(first: FirstSync | undefined, page: PullResponse): FirstSync | undefined {
  return first?.phase === 'recent' && first.upTo === null && page.head !== undefined ? { ...first, upTo: page.head } : first;
}

/**
 * Written with a main page of the recent phase: the version it defers below (from the first page),
 * and the move to history after the last. A server that sent no `head` does not know phases and
 * sent everything: there is no history to follow.
 */
export function followMainPage(db: TandemDB, first: FirstSync | undefined, page: PullResponse, now = Date.now()): (() => Promise<void>) | undefined {
  if (first?.phase !== 'recent') return undefined;
  return async () => {
    if (page.head === undefined) return void (await endFirstSync(db));
    const upTo = first.upTo ?? page.head;
    await writeFirstSync(db, page.more ? { ...first, upTo } : { ...first, upTo, phase: 'history', usableAt: now });
  };
}

/** The page of older history asked for as the last slice ended, with what it was asked with. */
let askedAhead: { key: string; page: Promise<PullResponse> } | undefined;

/**
 * Writes older history for about HISTORY_SLICE_MS (one page at least), after the main pull of
 * this round reached the end. A page is written only if the main cursor, epoch and history cursor
 * are still those it was asked with; otherwise it is asked for again next round. Returns whether
 * history is left, so the scheduler runs another round at once.
 */
export async function pullHistory(db: TandemDB, transport: SyncTransport, session: Session, actor: Actor, now: () => number = Date.now): Promise<boolean> {
  let first = await readFirstSync(db, session.teamId);
  if (first?.phase !== 'history' || first.upTo === null) return false;
  const { cursor: mainCursor, epoch, rejectionsSince } = await readSyncState(db);
  const { upTo, olderThan } = first;
  // What a page is asked with, the main cursor and epoch included: a page asked for at the end of
  // a slice is used by the next only if none of it changed since (the main pull wrote nothing).
  const askedWith = (cursor: number) => JSON.stringify([session.clientId, cursor, rejectionsSince, upTo, olderThan, mainCursor, epoch]);
  const ask = (cursor: number) => {
    const request = transport.pull({ clientId: session.clientId, cursor, limit: MAX_PULL_LIMIT, since: rejectionsSince, phase: 'history', upTo, olderThan });
    request.catch(() => undefined);
    return request;
  };
  const started = now();
  const kept = askedAhead;
  askedAhead = undefined;
  let next = kept?.key === askedWith(first.historyCursor) ? kept.page : ask(first.historyCursor);
  for (;;) {
    const page = await next;
    // A restored server: the next round's main pull sees it and starts over from zero.
    if (page.reset || page.epoch !== epoch) return true;
    const goOn = page.more && now() - started < HISTORY_SLICE_MS;
    if (goOn) next = ask(page.cursor);
    // The slice ends: the next page is asked for now all the same, so the server builds it while
    // this one is written and the next round's push and main pull run.
    else if (page.more) askedAhead = { key: askedWith(page.cursor), page: ask(page.cursor) };
    const asked: FirstSync = first;
    const stillValid = async () => {
      const [state, current] = await Promise.all([readSyncState(db), readFirstSync(db, session.teamId)]);
      return state.cursor === mainCursor && state.epoch === epoch && current?.phase === 'history' && current.historyCursor === asked.historyCursor && current.upTo === upTo;
    };
    first = { ...asked, historyCursor: page.cursor };
    const done = !page.more;
    // With the last page, `lastActivity` (left out of every history page) is noted for the walk to make again.
    const follow = async () => {
      if (!done) return writeFirstSync(db, first!);
      await endFirstSync(db);
      await leaveIndexesForLater(db);
    };
    if (!(await applyHistoryPage(db, page, actor, stillValid, follow))) return true;
    if (!goOn) return page.more;
  }
}

/** How far a first sign-in has come, for the progress bar: the phase and the share of the team's versions covered (0–1). */
export async function firstSyncProgress(db: TandemDB, teamId: string): Promise<Pick<FirstSync, 'phase' | 'olderThan'> & { done: number } | undefined> {
  const first = await readFirstSync(db, teamId);
  if (!first) return undefined;
  const { phase, olderThan } = first;
  if (first.upTo === null || first.upTo === 0) return { phase, olderThan, done: 0 };
  const covered = phase === 'recent' ? (await readSyncState(db)).cursor : first.historyCursor;
  return { phase, olderThan, done: Math.min(1, covered / first.upTo) };
}
