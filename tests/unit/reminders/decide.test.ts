import { describe, expect, it } from 'vitest';
import { isAllowed, localTime } from '@/lib/deadlines';
import { BADGE_OVERDUE, BADGE_WAITING, type ReminderInput, type ReminderMemory, decideReminders, emptyMemory, notificationId } from '@/lib/reminders';
import { HOUR, ME, RILEY, SAM, ZONE, followUp, june, names, nudge, policy, request } from './fixtures';

/** Runs the engine as the worker would: one input, the memory carried from run to run. */
function engine(base: Partial<ReminderInput> = {}) {
  let memory: ReminderMemory = emptyMemory();
  return {
    at(now: number, patch: Partial<ReminderInput> = {}) {
      const decision = decideReminders({ memberId: ME, requests: [], followUps: [], memory, policy: policy(), now, names, ...base, ...patch });
      memory = decision.memory;
      return decision;
    },
    get memory() {
      return memory;
    },
  };
}

describe('a request arriving', () => {
  it('announces it once, with who, how many, which role and when it is due', () => {
    const r = request();
    const e = engine({ requests: [r] });
    const first = e.at(june(10, 14, 1));
    expect(first.notifications).toEqual([
      { id: notificationId.request(r.id), title: 'New review request', message: 'Riley Recruiter sent you 3 people for Staff Platform Engineer — due Thu 14:00' },
    ]);
    expect(first.badge).toEqual({ text: '1', color: BADGE_WAITING, title: 'Tandem — 1 review is waiting for you' });
    expect(e.at(june(10, 14, 2)).notifications).toEqual([]);
    expect(e.at(june(10, 14, 3)).memoryChanged).toBe(false);
  });

  it('groups requests that arrive together', () => {
    const e = engine({ requests: [request(), request({ prospectIds: [RILEY], requesterId: SAM })] });
    const { notifications } = e.at(june(10, 15));
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ id: notificationId.requests('new'), title: '2 new review requests' });
    expect(notifications[0]!.message).toBe(
      'Riley Recruiter sent you 3 people for Staff Platform Engineer — due Thu 14:00\nSam Sourcer sent you 1 person for Staff Platform Engineer — due Thu 14:00',
    );
  });

  it('says "and N more" past three lines, and names nobody it does not know', () => {
    const requests = [1, 2, 3, 4, 5].map(() => request({ requesterId: 'gone', requisitionId: 'gone' }));
    const [n] = engine({ requests }).at(june(10, 15)).notifications;
    expect(n!.title).toBe('5 new review requests');
    expect(n!.message.split('\n')).toEqual([...Array<string>(3).fill('A teammate sent you 3 people for a role — due Thu 14:00'), 'and 2 more']);
  });

  it('tells a new reviewer that a request was reassigned to them', () => {
    const r = request({ reassignedFrom: request().id, createdAt: june(11, 9), dueAt: june(13, 9) });
    expect(engine({ requests: [r] }).at(june(11, 9, 1)).notifications).toEqual([
      { id: notificationId.request(r.id), title: 'A review was reassigned to you', message: 'Riley Recruiter sent you 3 people for Staff Platform Engineer — due Fri 09:00' },
    ]);
  });

  it('does not announce a request the member sent to themselves', () => {
    const e = engine({ requests: [request({ requesterId: ME })] });
    const d = e.at(june(10, 15));
    expect(d.notifications).toEqual([]);
    expect(d.badge.text).toBe('1');
  });

  it('ignores requests for someone else, closed or deleted ones', () => {
    const e = engine({ requests: [request({ reviewerId: SAM }), request({ status: 'completed' }), request({ deletedAt: 1 })] });
    const d = e.at(june(10, 15));
    expect(d.notifications).toEqual([]);
    expect(d.badge).toEqual({ text: '', color: BADGE_WAITING, title: 'Tandem' });
  });

  it('holds an arrival in quiet hours and at the weekend, and shows it when allowed', () => {
    const r = request({ createdAt: june(13, 21), dueAt: june(17, 21) });
    const e = engine({ requests: [r] });
    for (const t of [june(13, 21, 1), june(14, 11), june(15, 23), june(16, 7, 59)]) {
      const d = e.at(t);
      expect(d.notifications).toEqual([]);
      expect(d.badge.text).toBe('1');
    }
    expect(e.at(june(16, 8)).notifications.map((n) => n.message)).toEqual(['Riley Recruiter sent you 3 people for Staff Platform Engineer — due Tue 21:00']);
  });

  it('reminds instead when the request is already overdue when first seen', () => {
    const r = request({ dueAt: june(9, 10) });
    const { notifications } = engine({ requests: [r] }).at(june(11, 10));
    expect(notifications).toEqual([{ id: notificationId.request(r.id), title: 'A review is overdue', message: '3 people for Staff Platform Engineer, from Riley Recruiter — overdue by 2 days' }]);
  });
});

describe('overdue reminders', () => {
  it('reminds at the due time, then once each working day at that time, with a red badge', () => {
    const r = request({ dueAt: june(12, 14) });
    const e = engine({ requests: [r] });
    e.at(june(10, 15)); // the arrival
    expect(e.at(june(12, 13, 59)).notifications).toEqual([]);
    expect(e.at(june(12, 14)).badge.color).toBe(BADGE_WAITING); // due, not yet past due
    const due = e.at(june(12, 14, 0) + 30_000);
    expect(due.notifications.map((n) => n.title)).toEqual(['A review is overdue']);
    expect(due.badge).toEqual({ text: '1', color: BADGE_OVERDUE, title: 'Tandem — 1 review is overdue' });
    expect(e.at(june(12, 18)).notifications).toEqual([]);
    expect(e.at(june(13, 13, 59)).notifications).toEqual([]);
    expect(e.at(june(13, 14)).notifications.map((n) => n.message)).toEqual(['3 people for Staff Platform Engineer, from Riley Recruiter — overdue by 1 day']);
    // Not at the weekend; Monday at the same time.
    expect(e.at(june(14, 14)).notifications).toEqual([]);
    expect(e.at(june(16, 13)).notifications).toEqual([]);
    expect(e.at(june(16, 14)).notifications.map((n) => n.message)).toEqual(['3 people for Staff Platform Engineer, from Riley Recruiter — overdue by 4 days']);
  });

  it('over a week of one-minute ticks: one reminder per working day, never in quiet hours', () => {
    const r = request({ dueAt: june(11, 21, 30) }); // Wednesday night, in quiet hours
    const e = engine({ requests: [r] });
    const shown: number[] = [];
    for (let t = june(11, 20); t <= june(18, 23, 59); t += 60_000) {
      if (e.at(t).notifications.some((n) => n.title === 'A review is overdue')) shown.push(t);
    }
    expect(shown).toEqual([june(12, 8), june(13, 8), june(16, 8), june(17, 8), june(18, 8)]);
    for (const t of shown) expect(isAllowed(t, policy())).toBe(true);
  });

  it('bundles the day’s reminders into one notification instead of one per request', () => {
    const a = request({ dueAt: june(10, 14) });
    const b = request({ dueAt: june(10, 16), requesterId: SAM, prospectIds: [ME] });
    const e = engine({ requests: [a, b] });
    e.at(june(10, 9)); // arrivals
    expect(e.at(june(10, 14, 1)).notifications.map((n) => n.id)).toEqual([notificationId.request(a.id)]);
    expect(e.at(june(10, 16, 1)).notifications.map((n) => n.id)).toEqual([notificationId.request(b.id)]);
    // Wednesday: a's reminder at 14:00 brings b's (due at 16:00 the same day) along.
    const wednesday = e.at(june(11, 14));
    expect(wednesday.notifications).toEqual([
      {
        id: notificationId.requests('overdue'),
        title: '2 reviews are overdue',
        message: '3 people for Staff Platform Engineer, from Riley Recruiter — overdue by 1 day\n1 person for Staff Platform Engineer, from Sam Sourcer — overdue by 22 hours',
      },
    ]);
    expect(e.at(june(11, 16, 1)).notifications).toEqual([]);
    expect(e.at(june(12, 14)).notifications.map((n) => n.title)).toEqual(['2 reviews are overdue']);
  });
});

describe('nudges', () => {
  it('shows a nudge newer than the last one seen, once, and counts it as the day’s reminder', () => {
    const r = request({ dueAt: june(10, 10) });
    const e = engine();
    e.at(june(10, 10, 1), { requests: [r] }); // first overdue reminder
    const nudged = { ...r, history: [nudge(RILEY, june(11, 9))] };
    const d = e.at(june(11, 9, 1), { requests: [nudged] });
    expect(d.notifications).toEqual([{ id: notificationId.request(r.id), title: 'Riley Recruiter nudged you', message: '3 people for Staff Platform Engineer, from Riley Recruiter — overdue by 23 hours' }]);
    // Not again, and no overdue reminder at 10:00 the same day.
    expect(e.at(june(11, 10, 1), { requests: [nudged] }).notifications).toEqual([]);
    expect(e.at(june(12, 10), { requests: [nudged] }).notifications.map((n) => n.title)).toEqual(['A review is overdue']);
    // A second nudge is news.
    const again = { ...r, history: [...nudged.history, nudge(SAM, june(12, 11))] };
    expect(e.at(june(12, 11, 1), { requests: [again] }).notifications.map((n) => n.title)).toEqual(['Sam Sourcer nudged you']);
  });

  it('holds a nudge made in quiet hours until they end', () => {
    const r = request({ dueAt: june(10, 10), history: [nudge(RILEY, june(10, 22))] });
    const e = engine({ requests: [r] });
    expect(e.at(june(10, 22, 1)).notifications).toEqual([]);
    expect(e.at(june(11, 8)).notifications.map((n) => n.title)).toEqual(['Riley Recruiter nudged you']);
  });

  it('ignores the member’s own nudges and groups several', () => {
    const mine = request({ history: [nudge(ME, june(10, 15))] });
    const e = engine({ requests: [mine] });
    expect(e.at(june(10, 15, 1)).notifications.map((n) => n.title)).toEqual(['New review request']);
    const a = request({ history: [nudge(RILEY, june(11, 9))] });
    const b = request({ history: [nudge(SAM, june(11, 9))] });
    const [n] = engine({ requests: [a, b] }).at(june(11, 9, 1)).notifications;
    expect(n).toMatchObject({ id: notificationId.requests('nudged'), title: 'You were nudged about 2 reviews' });
    expect(n!.message).toContain('Riley Recruiter: 3 people for Staff Platform Engineer');
    expect(n!.message).toContain('Sam Sourcer: 3 people');
  });
});

describe('follow-ups', () => {
  it('announces a follow-up when due, and again after a snooze', () => {
    const f = followUp({ dueAt: june(11, 9), note: 'Ask about the offer' });
    const e = engine({ followUps: [f] });
    expect(e.at(june(11, 8, 59)).notifications).toEqual([]);
    expect(e.at(june(11, 9)).notifications).toEqual([{ id: notificationId.followUp(f.id), title: 'Follow up with Ada Lovelace', message: 'Ask about the offer' }]);
    expect(e.at(june(11, 12)).notifications).toEqual([]);
    const snoozed = { ...f, dueAt: june(13, 10) };
    expect(e.at(june(12, 10), { followUps: [snoozed] }).notifications).toEqual([]);
    expect(e.at(june(13, 10), { followUps: [snoozed] }).notifications.map((n) => n.title)).toEqual(['Follow up with Ada Lovelace']);
  });

  it('waits for working hours, says when it was planned, and groups many', () => {
    const f = followUp({ dueAt: june(14, 10) }); // Saturday
    const e = engine({ followUps: [f] });
    expect(e.at(june(14, 10, 1)).notifications).toEqual([]);
    expect(e.at(june(16, 8)).notifications).toEqual([{ id: notificationId.followUp(f.id), title: 'Follow up with Ada Lovelace', message: 'You planned it for Sat 10:00.' }]);
    const many = [1, 2, 3, 4].map(() => followUp());
    const [n, ...rest] = engine({ followUps: many }).at(june(11, 10)).notifications;
    expect(rest).toEqual([]);
    expect(n).toMatchObject({ id: notificationId.followUps(), title: 'Follow up with 4 people' });
  });

  it('ignores done follow-ups and other members’ ones', () => {
    const e = engine({ followUps: [followUp({ doneAt: june(10, 9) }), followUp({ ownerId: RILEY })] });
    expect(e.at(june(11, 10)).notifications).toEqual([]);
  });
});

describe('badge and memory', () => {
  it('counts overdue requests in red, else waiting ones in blue', () => {
    const e = engine({ requests: [request({ dueAt: june(10, 10) }), request({ dueAt: june(20, 10) }), request({ dueAt: june(9, 10) })] });
    expect(e.at(june(11, 10)).badge).toMatchObject({ text: '2', color: BADGE_OVERDUE });
    expect(e.at(june(8, 10)).badge).toMatchObject({ text: '3', color: BADGE_WAITING });
    const lots = Array.from({ length: 120 }, () => request());
    expect(engine({ requests: lots }).at(june(10, 15)).badge.text).toBe('99+');
  });

  it('forgets closed requests after 60 days, not before', () => {
    const r = request({ dueAt: june(30, 14) });
    const e = engine({ requests: [r] });
    e.at(june(10, 15));
    expect(Object.keys(e.memory.requests)).toEqual([r.id]);
    // Completed: kept a while, so an undo that re-opens it is not a new arrival.
    expect(e.at(june(20, 15), { requests: [] }).memoryChanged).toBe(false);
    expect(e.at(june(20, 16), { requests: [r] }).notifications).toEqual([]);
    const later = june(10, 15) + 61 * 24 * HOUR;
    expect(e.at(later, { requests: [] }).memoryChanged).toBe(true);
    expect(e.memory.requests).toEqual({});
  });

  it('reads the due time in the policy’s zone', () => {
    const r = request({ dueAt: june(12, 14) });
    const d = engine({ requests: [r], policy: policy({ timeZone: 'America/New_York' }) }).at(june(10, 15));
    expect(d.notifications[0]!.message).toBe('Riley Recruiter sent you 3 people for Staff Platform Engineer — due Thu 08:00');
    expect(localTime(june(10, 15), ZONE).weekday).toBe(2);
  });
});
