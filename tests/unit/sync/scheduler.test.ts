import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { noteAdd, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { TOMBSTONES, readUpgradeBacklog } from '@/lib/db/upgrade-walks';
import { readIndexBacklog } from '@/lib/db/deferred-indexes';
import { BACKOFF_CAP_MS, backoffDelay } from '@/lib/retry-loop';
import { PUSH_DEBOUNCE_MS, SyncScheduler } from '@/lib/sync/scheduler';
import { INITIAL_SYNC_STATE, type Session, readSyncState } from '@/lib/sync/session';
import { OfflineError, RateLimitedError, SignedOutError, type SyncTransport } from '@/lib/sync/transport';
import { syncDisplay } from '@/lib/sync/status';
import type { PullResponse } from '@/lib/model';
import { freshDb, identity, member } from '../../support/db';

const ctx = member();
const session: Session = { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: ctx.me.memberId, teamId: 'local', teamName: 'T', deviceName: 'd', signedInAt: 0 };
const emptyPull = (lastMutationId: number): PullResponse => ({ rows: [], cursor: 0, more: false, lastMutationId, rejections: [], epoch: 'epoch-1', reset: false });

function fakeTransport() {
  const calls: string[] = [];
  let failWith: Error | null = null;
  let acked = 0;
  const transport: SyncTransport = {
    push(body) {
      calls.push(`push:${body.mutations.map((m) => m.id).join(',')}`);
      if (failWith) return Promise.reject(failWith);
      acked = Math.max(acked, ...body.mutations.map((m) => m.id));
      return Promise.resolve({ lastMutationId: acked, rejected: [] });
    },
    pull() {
      calls.push('pull');
      if (failWith) return Promise.reject(failWith);
      return Promise.resolve(emptyPull(acked));
    },
  };
  return { transport, calls, fail: (e: Error | null) => (failWith = e) };
}

async function signedInDb() {
  const db = freshDb();
  await db.local.bulkPut([
    { key: LOCAL_KEYS.session, value: session },
    { key: LOCAL_KEYS.me, value: ctx.me },
    { key: LOCAL_KEYS.syncState, value: INITIAL_SYNC_STATE },
  ]);
  return db;
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('SyncScheduler', () => {
  it('gathers a burst of local writes into one push, then pulls', async () => {
    const db = await signedInDb();
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport });
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    const done = [scheduler.request('local_write')];
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'a' }, ctx);
    done.push(scheduler.request('local_write'));
    await vi.advanceTimersByTimeAsync(PUSH_DEBOUNCE_MS - 1);
    expect(net.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(done);
    expect(net.calls).toEqual(['push:1,2', 'pull']);
    expect(await db.outbox.count()).toBe(0);
    expect(await readSyncState(db)).toMatchObject({ status: 'idle', failures: 0, error: null });
  });

  it('goes offline with a growing, jittered backoff and recovers by itself', async () => {
    const db = await signedInDb();
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport, random: () => 0.5 });
    await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    net.fail(new OfflineError('cannot reach the server'));
    await scheduler.request('page_open');
    let state = await readSyncState(db);
    expect(state).toMatchObject({ status: 'offline', failures: 1, error: 'cannot reach the server' });
    expect(state.nextRetryAt! - Date.now()).toBe(backoffDelay(1, () => 0.5));
    await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 0.5));
    await scheduler.whenIdle();
    state = await readSyncState(db);
    expect(state.failures).toBe(2);
    expect(state.nextRetryAt! - Date.now()).toBe(backoffDelay(2, () => 0.5));
    net.fail(null);
    await vi.advanceTimersByTimeAsync(backoffDelay(2, () => 0.5));
    await scheduler.whenIdle();
    expect(await readSyncState(db)).toMatchObject({ status: 'idle', failures: 0, nextRetryAt: null });
    expect(await db.outbox.count()).toBe(0);
  });

  it('stops retrying when the server refuses the device', async () => {
    const db = await signedInDb();
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport });
    net.fail(new SignedOutError('access for this device was revoked'));
    await scheduler.request('tick');
    expect(await readSyncState(db)).toMatchObject({ status: 'signed_out', error: 'access for this device was revoked' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await scheduler.request('tick');
    expect(net.calls).toEqual(['pull']);
  });

  it('waits at least as long as a 429 says, whatever asks for a sync meanwhile, and says so', async () => {
    const db = await signedInDb();
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport, random: () => 0 });
    await mutate(db, prospectUpsert, { identity: identity() }, ctx);
    net.fail(new RateLimitedError(30_000, 'too many requests from this member; try again in 30 s'));
    await scheduler.request('page_open');
    expect(net.calls).toEqual(['push:1']);
    const state = await readSyncState(db);
    expect(state).toMatchObject({ status: 'rate_limited', nextRetryAt: Date.now() + 30_000 });
    expect(syncDisplay(session, state, 1)).toEqual({
      state: 'rate_limited',
      text: 'Waiting: the server asked this device to wait 30 s before syncing again (too many requests from this member; try again in 30 s) · 1 change pending',
    });
    net.fail(null);
    // Nothing goes out before the time is up: not for a page, a write, the network or the alarm.
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all([scheduler.request('page_open'), scheduler.request('online'), scheduler.request('tick')]);
    const written = scheduler.request('local_write');
    await vi.advanceTimersByTimeAsync(19_000);
    expect(net.calls).toEqual(['push:1']);
    await vi.advanceTimersByTimeAsync(1_000);
    await written;
    await scheduler.whenIdle();
    expect(net.calls).toEqual(['push:1', 'push:1', 'pull']);
    expect(await readSyncState(db)).toMatchObject({ status: 'idle', nextRetryAt: null, failures: 0 });
  });

  it('after a restart of the worker, still waits out a 429 recorded before it', async () => {
    const db = await signedInDb();
    await db.local.put({ key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, status: 'rate_limited', failures: 1, nextRetryAt: Date.now() + 5_000, error: 'wait' } });
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport });
    await scheduler.request('page_open');
    expect(net.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    await scheduler.whenIdle();
    expect(net.calls).toEqual(['pull']);
  });

  it('ticks only when something is due', async () => {
    const db = await signedInDb();
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport });
    await scheduler.request('tick');
    expect(net.calls).toEqual(['pull']);
    await vi.advanceTimersByTimeAsync(10_000);
    await scheduler.request('tick');
    expect(net.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(25_000);
    await scheduler.request('tick');
    expect(net.calls).toEqual(['pull', 'pull']);
  });

  it('pulls at once when the server pokes with a version past its cursor, or the member asks', async () => {
    const db = await signedInDb();
    await db.local.put({ key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, cursor: 12, lastSyncedAt: Date.now() } });
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport });
    // Pulled a moment ago: a tick would wait, a poke does not.
    await scheduler.request('tick');
    expect(net.calls).toEqual([]);
    await scheduler.poked(13);
    expect(net.calls).toEqual(['pull']);
    // Already that far (its own push, a poke that came late): nothing to fetch.
    await db.local.put({ key: LOCAL_KEYS.syncState, value: { ...(await readSyncState(db)), cursor: 20 } });
    await scheduler.poked(20);
    expect(net.calls).toEqual(['pull']);
    await scheduler.request('manual');
    expect(net.calls).toEqual(['pull', 'pull']);
  });

  it('does nothing before sign-in', async () => {
    const db = freshDb();
    const net = fakeTransport();
    await new SyncScheduler({ db, transport: () => net.transport }).request('page_open');
    expect(net.calls).toEqual([]);
  });

  it('walks what a first sign-in or an upgrade left to index, signed in or not (a member signed out mid-walk)', async () => {
    for (const db of [freshDb(), await signedInDb()]) {
      await db.local.put({ key: LOCAL_KEYS.indexBacklog, value: { table: 'prospects', after: null } });
      const undone = { id: 'UNDONE', teamId: 'local', version: 1, deletedAt: 5, prospectId: 'P', actorId: 'M', at: 1, requisitionId: null, kind: 'outreach' as const, data: { channel: 'email' as const } };
      await db.transaction('rw', db.activities, db.local, async () => {
        allowSyncedWrites('pull');
        await db.activities.put(undone);
        await db.local.put({ key: LOCAL_KEYS.tombstoneBacklog, value: { after: null } });
      });
      const net = fakeTransport();
      await new SyncScheduler({ db, transport: () => net.transport }).request('page_open');
      expect(await readUpgradeBacklog(db, TOMBSTONES)).toBeUndefined();
      expect(await readIndexBacklog(db)).toBeUndefined();
      expect(await db.activities.where('tombstoneOf').equals('P').primaryKeys()).toEqual(['UNDONE']);
    }
  });

  it('runs one sync at a time and once more for requests made during it', async () => {
    const db = await signedInDb();
    const net = fakeTransport();
    const scheduler = new SyncScheduler({ db, transport: () => net.transport });
    await Promise.all([scheduler.request('page_open'), scheduler.request('online'), scheduler.request('signed_in')]);
    expect(net.calls).toEqual(['pull', 'pull']);
  });
});

describe('backoffDelay', () => {
  it('doubles from 2 s with up to half of it as jitter, capped at 5 minutes', () => {
    expect(backoffDelay(0)).toBe(0);
    expect([backoffDelay(1, () => 0), backoffDelay(1, () => 0.999)]).toEqual([1000, 1999]);
    expect([backoffDelay(3, () => 0), backoffDelay(3, () => 1)]).toEqual([4000, 8000]);
    expect(backoffDelay(30, () => 1)).toBe(BACKOFF_CAP_MS);
  });
});
