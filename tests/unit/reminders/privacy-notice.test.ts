import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { DEFAULT_PRIVACY, type NoticeAtDeadline, type Prospect, TEAM_PRIVACY_ID } from '@/lib/model';
import { type NotificationSpec, ReminderRunner, clickTarget, decideReminders, emptyMemory, notificationId } from '@/lib/reminders';
import { arrived, freshDb } from '../../support/db';
import { watchReads } from '../../support/watch-reads';
import { ME, RILEY, ZONE, june, names, policy } from './fixtures';

let db: TandemDB;

function person(name: string, patch: Partial<Prospect> = {}): Prospect {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  return {
    id: ulid(), teamId: 'team', version: 1, deletedAt: null, name, headline: null, company: null, location: null,
    profiles: [{ site: 'linkedin', key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/` }],
    emails: [], doNotContact: null, createdAt: june(9, 10), createdBy: ME, updatedAt: june(9, 10), ...patch,
  };
}

async function teamChooses(atDeadline: NoticeAtDeadline, noticeDays = 14) {
  await arrived(db, 'teamPrivacy', { id: TEAM_PRIVACY_ID, teamId: 'team', version: 1, deletedAt: null, ...DEFAULT_PRIVACY, noticeDays, noticeAtDeadline: atDeadline, updatedBy: RILEY, updatedAt: 1 });
}

/** Runs the runner at each time, as the alarm would, and returns what it showed. */
async function runAt(...times: number[]): Promise<NotificationSpec[]> {
  const shown: NotificationSpec[] = [];
  for (const t of times) {
    const runner = new ReminderRunner({
      db,
      ports: { show: (n) => (shown.push(n), Promise.resolve()), setBadge: () => Promise.resolve(), clearStale: () => Promise.resolve() },
      now: () => t,
      deviceTimeZone: () => ZONE,
      onError: (e) => {
        throw e;
      },
    });
    await runner.run();
  }
  return shown;
}

beforeEach(async () => {
  db = freshDb();
  await db.local.put({ key: LOCAL_KEYS.me, value: { memberId: ME, teamId: 'team', name: 'Harper', email: '', role: 'recruiter' } });
});
afterEach(() => db.close());

describe('privacy-notice reminders through the runner (a moved clock)', () => {
  // Stored Monday 9 June 2025 at 10:00, Stockholm; with 14 days the notice is due Monday 23 June at 10:00.
  it('reminds the member who added the person a week ahead, at the deadline, then once a working day, until the notice is logged', async () => {
    await teamChooses('remind');
    const ada = person('Ada Lovelace');
    await arrived(db, 'prospects', ada, person('Bo Riley’s', { createdBy: RILEY }));
    expect(await runAt(june(16, 9, 59))).toEqual([]);
    expect(await runAt(june(16, 10))).toEqual([
      { id: notificationId.notice(ada.id), title: 'Privacy notice for Ada Lovelace', message: 'Due in 7 days: tell them your team holds their data, then log it in the sidebar.' },
    ]);
    expect(await runAt(june(17, 10), june(20, 12), june(21, 12), june(23, 9, 59))).toEqual([]);
    expect((await runAt(june(23, 10))).map((n) => n.message)).toEqual(['Due today: tell them your team holds their data, then log it in the sidebar.']);
    expect((await runAt(june(23, 16), june(24, 10))).map((n) => n.message)).toEqual(['Overdue by 1 day: tell them your team holds their data, then log it in the sidebar.']);
    // Saturday and Sunday are not working days: the next is Monday.
    expect((await runAt(june(25, 10), june(26, 10), june(27, 10), june(28, 10), june(29, 10), june(30, 10))).map((n) => n.message.split(':')[0])).toEqual([
      'Overdue by 2 days',
      'Overdue by 3 days',
      'Overdue by 4 days',
      'Overdue by 7 days',
    ]);
    await arrived(db, 'activities', { id: ulid(), teamId: 'team', version: 2, deletedAt: null, prospectId: ada.id, actorId: RILEY, at: june(30, 12), requisitionId: null, kind: 'privacy_notice_sent', data: { channel: 'email', sentAt: june(30, 12) } });
    expect(await runAt(june(30, 10) + 86_400_000 * 3)).toEqual([]);
    expect(await clickTarget(db, notificationId.notice(ada.id))).toEqual({ url: 'https://www.linkedin.com/in/ada-lovelace/' });
  });

  it('with erase at the deadline, only the reminder a week ahead', async () => {
    await teamChooses('erase');
    await arrived(db, 'prospects', person('Ada Lovelace'));
    expect((await runAt(june(16, 10), june(23, 10), june(24, 10), june(25, 10))).map((n) => n.message)).toEqual(['Due in 7 days: tell them your team holds their data, then log it in the sidebar.']);
  });

  it('reminds of someone stored before createdBy was recorded through who logged their first activity', async () => {
    await teamChooses('remind');
    const old = person('Cy Marsh', { createdBy: undefined });
    const theirs = person('Di Okafor', { createdBy: undefined });
    await arrived(db, 'prospects', old, theirs);
    const activity = (prospectId: string, actorId: string) => ({ id: ulid(), teamId: 'team', version: 1, deletedAt: null, prospectId, actorId, at: june(9, 10), requisitionId: null, kind: 'viewed' as const, data: {} });
    await arrived(db, 'activities', activity(old.id, ME), activity(theirs.id, RILEY));
    expect((await runAt(june(16, 10))).map((n) => n.title)).toEqual(['Privacy notice for Cy Marsh']);
  });
});

describe('which people the reminders read', () => {
  const notice = (prospectId: string) => ({ id: ulid(), teamId: 'team', version: 2, deletedAt: null, prospectId, actorId: ME, at: june(10, 12), requisitionId: null, kind: 'privacy_notice_sent' as const, data: { channel: 'email' as const, sentAt: june(10, 12) } });

  it('counts a notice logged on a record later merged into the person', async () => {
    await teamChooses('remind');
    const kept = person('Ada Lovelace');
    const merged = person('Ada L.', { deletedAt: june(11, 10) });
    await arrived(db, 'prospects', kept, merged, person('Eve Adams'));
    await arrived(db, 'aliases', { id: merged.id, teamId: 'team', version: 3, deletedAt: null, prospectId: kept.id });
    await arrived(db, 'activities', notice(merged.id));
    expect((await runAt(june(16, 10))).map((n) => n.title)).toEqual(['Privacy notice for Eve Adams']);
  });

  it('reads the member’s own additions, not everyone stored in the notice window', async () => {
    db.close();
    db = freshDb();
    const prospectReads: { index: string; rows: number | 'cursor' }[] = [];
    watchReads(db, 'prospect reads', {
      answered: (table, req, rows) => void (table === 'prospects' && prospectReads.push({ index: req.query.index.name ?? 'id', rows: rows.length })),
      openCursor: (table, req) => void (table === 'prospects' && prospectReads.push({ index: req.query.index.name ?? 'id', rows: 'cursor' })),
    });
    await db.local.put({ key: LOCAL_KEYS.me, value: { memberId: ME, teamId: 'team', name: 'Harper', email: '', role: 'recruiter' } });
    await teamChooses('remind');
    const mine = [person('Ada Lovelace'), person('Bo Berg', { createdAt: june(10, 10) })];
    const theirs = Array.from({ length: 40 }, (_, i) => person(`Teammate Find ${i}`, { createdBy: RILEY }));
    await arrived(db, 'prospects', ...mine, ...theirs);
    await arrived(db, 'activities', notice(mine[1]!.id));
    prospectReads.length = 0;
    expect((await runAt(june(16, 10))).map((n) => n.title)).toEqual(['Privacy notice for Ada Lovelace']);
    expect(prospectReads.filter((r) => r.rows === 'cursor')).toEqual([]);
    expect(prospectReads.reduce((n, r) => n + (r.rows as number), 0)).toBeLessThanOrEqual(mine.length + 1);
  });
});

describe('many notices at once', () => {
  it('become one notification naming three, "and N more", and a click opens the dashboard’s list', async () => {
    const people = ['Ada', 'Bo', 'Cy', 'Di', 'Eve'].map((name, i) => ({ prospectId: ulid(), name, createdAt: june(9, 10) - i * 86_400_000 }));
    const decision = decideReminders({ memberId: ME, requests: [], followUps: [], memory: emptyMemory(), policy: policy(), now: june(16, 10), names, notices: { people, choices: { ...DEFAULT_PRIVACY, noticeDays: 14 } } });
    expect(decision.notifications).toEqual([
      { id: notificationId.notices(), title: 'Privacy notices due for 5 people', message: 'Ada: due in 7 days\nBo: due in 6 days\nCy: due in 5 days\nand 2 more' },
    ]);
    expect(await clickTarget(freshDb(), notificationId.notices())).toEqual({ page: '/dashboard.html#privacy' });
  });
});
