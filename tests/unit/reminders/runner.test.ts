import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, readValidated, writeSettings } from '@/lib/db/local-state';
import { type Badge, BADGE_OVERDUE, type NotificationSpec, ReminderMemory, emptyMemory, type ReminderPorts, ReminderRunner, clickTarget, notificationId } from '@/lib/reminders';
import { backoffDelay } from '@/lib/retry-loop';
import { applyPullPage } from '@/lib/sync/rebase';
import type { PullResponse } from '@/lib/model';
import { arrived, freshDb } from '../../support/db';
import { ADA, ME, RILEY, ROLE, ZONE, followUp, june, request } from './fixtures';

let db: TandemDB;

/** Ports that record what the browser would have been told. */
function recorder() {
  const shown: NotificationSpec[] = [];
  const badges: Badge[] = [];
  const cleared: ((notificationId: string) => boolean)[] = [];
  const ports: ReminderPorts = {
    show: (n) => (shown.push(n), Promise.resolve()),
    setBadge: (b) => (badges.push(b), Promise.resolve()),
    clearStale: (isStale) => (cleared.push(isStale), Promise.resolve()),
  };
  return { ports, shown, badges, cleared };
}

function runner(ports: ReminderPorts, now: { t: number }) {
  return new ReminderRunner({ db, ports, now: () => now.t, deviceTimeZone: () => ZONE, onError: (e) => { throw e; } });
}

beforeEach(async () => {
  db = freshDb();
  await db.local.put({ key: LOCAL_KEYS.me, value: { memberId: ME, teamId: 'team', name: 'Harper Manager', email: '', role: 'hiring_manager' } });
  await arrived(
    db,
    'members',
    { id: ME, teamId: 'team', version: 1, deletedAt: null, name: 'Harper Manager', email: 'harper@acme.example', role: 'hiring_manager' },
    { id: RILEY, teamId: 'team', version: 1, deletedAt: null, name: 'Riley Recruiter', email: 'riley@acme.example', role: 'recruiter' },
  );
  await arrived(db, 'requisitions', {
    id: ROLE,
    teamId: 'team',
    version: 1,
    deletedAt: null,
    title: 'Staff Platform Engineer',
    hiringManagerId: ME,
    recruiterIds: [RILEY],
    mustHaves: [],
    niceToHaves: [],
    feedbackSlaHours: 48,
    targetHires: 1,
    targetDate: null,
    stages: ['Sourced'],
    status: 'open',
    createdAt: june(1, 9),
  });
});

afterEach(() => db.close());

describe('ReminderRunner', () => {
  it('notifies, records it, sets the badge, and does not repeat itself', async () => {
    const r = request();
    await arrived(db, 'reviewRequests', r);
    const now = { t: june(10, 15) };
    const { ports, shown, badges } = recorder();
    await runner(ports, now).run();
    expect(shown).toEqual([{ id: notificationId.request(r.id), title: 'New review request', message: 'Riley Recruiter sent you 3 people for Staff Platform Engineer — due Thu 14:00' }]);
    expect(badges.at(-1)).toMatchObject({ text: '1' });
    const memory = await readValidated(db, LOCAL_KEYS.reminders, ReminderMemory);
    expect(memory?.requests[r.id]?.announcedAt).toBe(now.t);
    expect(memory?.pending).toEqual([]);

    // A new worker (restart) with the same database: nothing again.
    await runner(ports, now).run();
    expect(shown).toHaveLength(1);
    // Past due: the reminder, and the badge turns red.
    now.t = june(12, 14, 1);
    await runner(ports, now).run();
    expect(shown.at(-1)?.title).toBe('A review is overdue');
    expect(badges.at(-1)).toMatchObject({ text: '1', color: BADGE_OVERDUE });
  });

  it('leaves overdue reminders to the server once a pull says it mails them, and reminds again when a pull says it stopped', async () => {
    const r = request({ dueAt: june(12, 14) });
    await arrived(db, 'reviewRequests', r);
    const now = { t: june(10, 15) };
    const { ports, shown, badges } = recorder();
    const actor = { teamId: 'team', memberId: ME, role: 'hiring_manager' as const };
    const pulled = (remindersByMail?: boolean) =>
      applyPullPage(db, { rows: [], cursor: 1, more: false, lastMutationId: 0, rejections: [], epoch: 'e', reset: false, ...(remindersByMail === undefined ? {} : { remindersByMail }) } satisfies PullResponse, actor);
    // A device that has not heard it (an older server says nothing) reminds.
    await pulled(undefined);
    await runner(ports, now).run();
    expect(shown.map((n) => n.title)).toEqual(['New review request']);
    await pulled(true);
    now.t = june(12, 14, 1);
    await runner(ports, now).run();
    expect(shown.map((n) => n.title)).toEqual(['New review request']);
    // The badge still says it is overdue.
    expect(badges.at(-1)).toMatchObject({ text: '1', color: BADGE_OVERDUE });
    // The reviewer turned review mail off: the next day's reminder is the device's again.
    await pulled(false);
    now.t = june(13, 14, 1);
    await runner(ports, now).run();
    expect(shown.map((n) => n.title)).toEqual(['New review request', 'A review is overdue']);
  });

  it('shows, after a restart, what was decided but not yet shown when the worker stopped', async () => {
    await arrived(db, 'reviewRequests', request());
    const now = { t: june(10, 15) };
    // A worker that stops while showing: show never returns.
    const stopped: ReminderPorts = { ...recorder().ports, show: () => new Promise<void>(() => undefined) };
    void runner(stopped, now).run();
    await expect.poll(async () => (await readValidated(db, LOCAL_KEYS.reminders, ReminderMemory))?.pending.length).toBe(1);

    const { ports, shown } = recorder();
    await runner(ports, now).run();
    expect(shown.map((n) => n.title)).toEqual(['New review request']);
    expect((await readValidated(db, LOCAL_KEYS.reminders, ReminderMemory))?.pending).toEqual([]);
    await runner(ports, now).run();
    expect(shown).toHaveLength(1);
  });

  it('reads without holding people or activities for writing, so the sidebar never waits on it', async () => {
    await arrived(db, 'reviewRequests', request());
    const modes: [string, string[]][] = [];
    const original = db.transaction.bind(db) as (...args: unknown[]) => unknown;
    vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
      const tables = (args.slice(1, -1).flat() as ({ name: string } | string)[]).map((t) => (typeof t === 'string' ? t : t.name));
      modes.push([String(args[0]), tables]);
      return original(...args);
    }) as unknown as typeof db.transaction);
    const { ports, shown } = recorder();
    await runner(ports, { t: june(10, 15) }).run();
    expect(shown).toHaveLength(1);
    const writing = modes.filter(([mode]) => mode === 'rw').flatMap(([, tables]) => tables);
    expect(writing).not.toContain('prospects');
    expect(writing).not.toContain('activities');
    expect(modes.some(([mode, tables]) => mode === 'r' && tables.includes('prospects'))).toBe(true);
  });

  it('decides again when its memory changed between reading and writing (an erasure’s edit is never undone)', async () => {
    const r = request();
    await arrived(db, 'reviewRequests', r);
    const original = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    let edited = false;
    const meddled = { ...emptyMemory(), checkIns: { [ROLE]: '2025-W20' } };
    vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) => {
      if (args[0] !== 'rw' || edited) return original(...args);
      edited = true;
      return db.local.put({ key: LOCAL_KEYS.reminders, value: meddled }).then(() => original(...args));
    }) as unknown as typeof db.transaction);
    const { ports, shown } = recorder();
    await runner(ports, { t: june(10, 15) }).run();
    expect(edited).toBe(true);
    expect(shown).toHaveLength(1);
    const memory = await readValidated(db, LOCAL_KEYS.reminders, ReminderMemory);
    expect(memory?.requests[r.id]?.announcedAt).toBe(june(10, 15));
    expect(memory?.checkIns[ROLE]).toBe('2025-W20');
  });

  it('coalesces runs asked for during a run', async () => {
    await arrived(db, 'reviewRequests', request());
    const { ports, shown } = recorder();
    const r = runner(ports, { t: june(10, 15) });
    await Promise.all([r.run(), r.run(), r.run()]);
    expect(shown).toHaveLength(1);
  });

  it('follows the reminder settings', async () => {
    await arrived(db, 'reviewRequests', request());
    await writeSettings(db, { reminders: { timeZone: 'America/New_York', workingDays: [1, 2, 3, 4, 5], quietHours: { start: '19:00', end: '08:00' } } });
    const { ports, shown } = recorder();
    // 07:00 in New York: quiet there, although it is 13:00 in Stockholm.
    await runner(ports, { t: june(10, 13) }).run();
    expect(shown).toEqual([]);
    await runner(ports, { t: june(10, 14) }).run();
    expect(shown.map((n) => n.message)).toEqual(['Riley Recruiter sent you 3 people for Staff Platform Engineer — due Thu 08:00']);
  });

  it('follows the member’s own time zone, synced with the team, over the device’s and an older per-device setting', async () => {
    await arrived(db, 'reviewRequests', request());
    // An earlier version's per-device choice: Stockholm (the device's zone here too).
    await writeSettings(db, { reminders: { timeZone: ZONE, workingDays: [1, 2, 3, 4, 5], quietHours: { start: '19:00', end: '08:00' } } });
    await arrived(db, 'members', { ...(await db.members.get(ME))!, timeZone: 'America/New_York', version: 2 });
    const { ports, shown } = recorder();
    // 13:00 in Stockholm is 07:00 in New York: quiet for this member.
    await runner(ports, { t: june(10, 13) }).run();
    expect(shown).toEqual([]);
    await runner(ports, { t: june(10, 14) }).run();
    expect(shown).toHaveLength(1);
  });

  it('clears the badge and notifies nothing with nobody signed in', async () => {
    await db.local.delete(LOCAL_KEYS.me);
    await arrived(db, 'reviewRequests', request());
    const { ports, shown, badges } = recorder();
    await runner(ports, { t: june(10, 15) }).run();
    expect(shown).toEqual([]);
    expect(badges).toEqual([{ text: '', color: expect.any(String) as string, title: 'Tandem' }]);
  });

  it('tells the ports which requests are still open, so stale notifications go', async () => {
    const open = request();
    const completed = request({ status: 'completed' });
    await arrived(db, 'reviewRequests', open, completed);
    const { ports, cleared } = recorder();
    await runner(ports, { t: june(10, 15) }).run();
    expect(cleared).toHaveLength(1);
    const isStale = cleared[0]!;
    expect([notificationId.request(open.id), notificationId.request(completed.id), notificationId.requests('overdue')].map(isStale)).toEqual([false, true, false]);
  });

  it('takes down a follow-up’s or a notice’s notification once it is done, logged or its person erased (their name is in its text)', async () => {
    const due = followUp();
    const done = followUp({ doneAt: june(10, 9) });
    await arrived(db, 'followUps', due, done);
    const { ports, cleared } = recorder();
    await runner(ports, { t: june(10, 15) }).run();
    const isStale = cleared[0]!;
    expect([notificationId.followUp(due.id), notificationId.followUp(done.id), notificationId.followUp('gone'), notificationId.followUps()].map(isStale)).toEqual([false, true, true, false]);
    expect([notificationId.notice('erased'), notificationId.notices(), notificationId.checkIn(ROLE)].map(isStale)).toEqual([true, true, false]);
  });

  it('reports a failure to show and carries on', async () => {
    await arrived(db, 'reviewRequests', request());
    const errors: unknown[] = [];
    const { ports, badges } = recorder();
    const failing = new ReminderRunner({ db, now: () => june(10, 15), deviceTimeZone: () => ZONE, onError: (e) => errors.push(e), ports: { ...ports, show: () => Promise.reject(new Error('no permission')) } });
    await failing.run();
    expect(errors).toHaveLength(1);
    expect(badges).toHaveLength(1);
    expect((await readValidated(db, LOCAL_KEYS.reminders, ReminderMemory))?.pending).toEqual([]);
  });
});

describe('a run that fails', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is retried with backoff, and the badge is set once the browser takes it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await arrived(db, 'reviewRequests', request());
    const errors: unknown[] = [];
    const { ports, badges } = recorder();
    let refusals = 2;
    const flaky = { ...ports, setBadge: (badge: Badge) => (refusals-- > 0 ? Promise.reject(new Error('badge refused')) : ports.setBadge(badge)) };
    const runner = new ReminderRunner({ db, now: () => june(10, 15), deviceTimeZone: () => ZONE, onError: (e) => errors.push(e), ports: flaky });
    await runner.run();
    expect([badges.length, errors.length]).toEqual([0, 1]);
    // Not before the first backoff (at least 1 s), then at most 2 s after.
    await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 0) - 1);
    await runner.whenIdle();
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 1));
    await runner.whenIdle();
    expect([badges.length, errors.length]).toEqual([0, 2]);
    await vi.advanceTimersByTimeAsync(backoffDelay(2, () => 1));
    await runner.whenIdle();
    expect(badges).toHaveLength(1);
    expect(errors.map((e) => (e as Error).message)).toEqual(['badge refused', 'badge refused']);
  });
});

describe('clicking a notification', () => {
  it('opens the request, the review page, or the person’s profile', async () => {
    expect(await clickTarget(db, notificationId.request('01J0000000000000000000000A'))).toEqual({ page: '/review.html?request=01J0000000000000000000000A' });
    expect(await clickTarget(db, notificationId.requests('overdue'))).toEqual({ page: '/review.html' });
    expect(await clickTarget(db, 'someone-else')).toBeNull();

    const f = followUp();
    await arrived(db, 'followUps', f);
    expect(await clickTarget(db, notificationId.followUp(f.id))).toEqual({ page: '/popup.html' });
    await arrived(db, 'prospects', {
      id: ADA,
      teamId: 'team',
      version: 1,
      deletedAt: null,
      name: 'Ada Lovelace',
      headline: '',
      company: '',
      location: '',
      profiles: [{ site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }],
      emails: [],
      doNotContact: null,
      createdAt: 1,
      updatedAt: 1,
    } as never);
    expect(await clickTarget(db, notificationId.followUp(f.id))).toEqual({ url: 'https://www.linkedin.com/in/ada-lovelace/' });
    expect(await clickTarget(db, notificationId.followUps())).toEqual({ page: '/popup.html' });
  });
});

describe('the weekly check-in through the runner', () => {
  it('announces each requisition the member recruits for once at the chosen time, across restarts, and a click opens its check-in', async () => {
    // Harper recruits for the role too; the check-in is due on Tuesdays at 10:00 (Stockholm).
    await arrived(db, 'requisitions', { ...(await db.requisitions.get(ROLE))!, recruiterIds: [RILEY, ME] });
    await writeSettings(db, { checkInReminder: { enabled: true, weekday: 2, time: '10:00' } });
    const { ports, shown } = recorder();
    const now = { t: june(9, 12) };
    await runner(ports, now).run();
    now.t = june(10, 9, 59);
    await runner(ports, now).run();
    expect(shown).toEqual([]);
    now.t = june(10, 10);
    await runner(ports, now).run();
    expect(shown).toEqual([{ id: notificationId.checkIn(ROLE), title: 'Weekly check-in for Staff Platform Engineer is ready', message: 'Pipeline, who needs to act, sourcing, pass-through and feedback times: open it to copy, download or print.' }]);
    for (const t of [june(10, 10, 1), june(12, 15), june(17, 9, 59)]) {
      now.t = t;
      await runner(ports, now).run();
    }
    expect(shown).toHaveLength(1);
    now.t = june(17, 10);
    await runner(ports, now).run();
    expect(shown).toHaveLength(2);
    expect(await clickTarget(db, notificationId.checkIn(ROLE))).toEqual({ page: `/dashboard.html#checkin/${ROLE}` });
  });
});
