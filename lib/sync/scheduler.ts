import type { TandemDB } from '@/lib/db/database';
import { RetryLoop, type RunOutcome, backoffDelay } from '@/lib/retry-loop';
import { indexUpkeep, syncOnce } from './engine';
import { pendingCount } from './outbox';
import { type Session, patchSyncState, readSession, readSyncState } from './session';
import { OfflineError, RateLimitedError, ServerError, SignedOutError, type SyncTransport } from './transport';

/**
 * Why a sync was asked for. `poke`: the server said the team has a new version (lib/sync/poke-client.ts);
 * `manual`: the member pressed "Sync now".
 */
export type SyncReason = 'local_write' | 'page_open' | 'tick' | 'online' | 'signed_in' | 'retry' | 'poke' | 'manual';

export interface SchedulerDeps {
  db: TandemDB;
  transport: (session: Session) => SyncTransport;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** How long local writes are gathered before a push. */
export const PUSH_DEBOUNCE_MS = 750;
/** A tick pulls at least this often even with nothing to push (the alarm fires every 30 s). */
export const PULL_EVERY_MS = 30_000;

/**
 * Decides when the device syncs: soon after local writes (debounced), at once when a sidebar
 * opens, the network returns, the server pokes or the member asks, on the alarm tick (the
 * fallback when no poke comes), and after failures with exponential backoff
 * and jitter. A 429 holds every request, whatever its reason, until the server's Retry-After
 * has passed. One sync runs at a time; a request during a run causes one more run after it.
 * Everything it must remember is in Dexie, so a service worker that was stopped carries on.
 */
export class SyncScheduler {
  private readonly loop: RetryLoop;
  private debounce: unknown = null;
  private debounced: (() => void)[] = [];
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    // Its failures are counted in Dexie (a restarted worker keeps backing off), so each run
    // returns the delay it wants rather than throwing.
    this.loop = new RetryLoop(() => this.syncOnceRecordingStatus(), { setTimer: this.setTimer, clearTimer: this.clearTimer });
  }

  /** Asks for a sync; resolves when the sync it causes (if any) has finished. */
  async request(reason: SyncReason): Promise<void> {
    if (reason === 'local_write') {
      if (this.debounce !== null) this.clearTimer(this.debounce);
      return new Promise((resolve) => {
        this.debounced.push(resolve);
        this.debounce = this.setTimer(() => {
          const waiting = this.debounced;
          this.debounce = null;
          this.debounced = [];
          void this.run().then(() => waiting.forEach((r) => r()));
        }, PUSH_DEBOUNCE_MS);
      });
    }
    if (reason === 'tick' && !(await this.due())) return;
    return this.run();
  }

  /** The server says the team has reached `version`: a sync at once, unless this device already pulled that far. */
  async poked(version: number): Promise<void> {
    if (version <= (await readSyncState(this.deps.db)).cursor) return;
    return this.request('poke');
  }

  /** On a tick: something to push, a retry that is due, or no pull for a while. */
  private async due(): Promise<boolean> {
    const { db } = this.deps;
    const session = await readSession(db);
    if (!session) return false;
    const state = await readSyncState(db);
    const now = this.now();
    if (state.status === 'signed_out') return false;
    if (state.nextRetryAt !== null) return state.nextRetryAt <= now;
    if ((await pendingCount(db, session.teamId, 1)) > 0) return true;
    return state.lastSyncedAt === null || now - state.lastSyncedAt >= PULL_EVERY_MS - 1_000;
  }

  /** Resolves when no sync is running (a scheduled retry may still come). */
  whenIdle(): Promise<void> {
    return this.loop.whenIdle();
  }

  /** Runs a sync now, or once more after the running one. */
  run(): Promise<void> {
    return this.loop.run();
  }

  private async syncOnceRecordingStatus(): Promise<RunOutcome> {
    const { db } = this.deps;
    const session = await readSession(db);
    // Signed out (or never signed in), the device still completes its own indexes: a walk left
    // by an upgrade, or by a first sign-in the member signed out of before it was done.
    if (!session) return (await indexUpkeep(db)) ? { retryInMs: 0 } : undefined;
    // The server asked for quiet until then: every request waits for the retry (a restarted
    // worker has no timer: this sets it).
    const { status, nextRetryAt } = await readSyncState(db);
    if (status === 'rate_limited' && nextRetryAt !== null && nextRetryAt > this.now()) return { retryInMs: nextRetryAt - this.now() };
    await patchSyncState(db, { status: 'syncing' });
    try {
      const { historyLeft } = await syncOnce(db, this.deps.transport(session));
      await patchSyncState(db, { status: 'idle', error: null, failures: 0, nextRetryAt: null, lastSyncedAt: this.now() });
      // A first sign-in's older history: the next slice at once, after anything asked meanwhile.
      if (historyLeft) return { retryInMs: 0 };
    } catch (e) {
      return this.recordFailure(e);
    }
  }

  /** Records why the sync failed and when it is tried again. */
  private async recordFailure(e: unknown): Promise<RunOutcome> {
    const { db } = this.deps;
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof SignedOutError) {
      await patchSyncState(db, { status: 'signed_out', error: message, nextRetryAt: null });
      return;
    }
    const failures = (await readSyncState(db)).failures + 1;
    const backoff = backoffDelay(failures, this.random);
    if (e instanceof RateLimitedError) {
      // At least as long as the server asked; longer if it keeps asking (the backoff grows).
      const delay = Math.max(e.retryAfterMs ?? 0, backoff);
      const error = `the server asked this device to wait ${Math.ceil(delay / 1000)} s before syncing again (${message})`;
      await patchSyncState(db, { status: 'rate_limited', error, failures, nextRetryAt: this.now() + delay });
      return { retryInMs: delay };
    }
    const status = e instanceof OfflineError ? 'offline' : 'error';
    const error = e instanceof ServerError || e instanceof OfflineError ? message : `unexpected: ${message}`;
    await patchSyncState(db, { status, error, failures, nextRetryAt: this.now() + backoff });
    return { retryInMs: backoff };
  }
}
