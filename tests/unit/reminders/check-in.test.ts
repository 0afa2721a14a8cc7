import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_IN_REMINDER, type CheckInReminder, type Requisition } from '@/lib/model';
import { decideReminders, emptyMemory, notificationId, pageFor, parseNotificationId, type ReminderMemory } from '@/lib/reminders';
import { lastCheckInSlot } from '@/lib/deadlines';
import { ME, RILEY, ZONE, june, names, policy } from './fixtures';

function requisition(title: string, patch: Partial<Requisition> = {}): Requisition {
  return {
    id: ulid(), teamId: 'team', version: 1, deletedAt: null, title, hiringManagerId: RILEY, recruiterIds: [ME], mustHaves: [], niceToHaves: [],
    feedbackSlaHours: 48, targetHires: 1, targetDate: null, stages: ['Sourced'], status: 'open', createdAt: june(1), ...patch,
  };
}

const backend = requisition('Backend Engineer');
const data = requisition('Data Engineer');
const requisitions = [backend, data, requisition('Not mine', { recruiterIds: [RILEY] }), requisition('Closed', { status: 'closed' }), requisition('Removed', { deletedAt: june(2) })];

/** The engine with its memory carried from tick to tick, as the worker runs it; the clock is moved by each call. */
function engine(schedule: CheckInReminder = DEFAULT_CHECK_IN_REMINDER) {
  let memory: ReminderMemory = emptyMemory();
  return {
    at: (now: number, patch: { schedule?: CheckInReminder; requisitions?: Requisition[] } = {}) => {
      const decision = decideReminders({ memberId: ME, requests: [], followUps: [], memory, policy: policy(), now, names, checkIns: { requisitions, schedule, ...patch } });
      memory = decision.memory;
      return decision.notifications.map((n) => n.title);
    },
  };
}

describe('lastCheckInSlot', () => {
  it('is the latest chosen weekday and time at or before now, in the member’s zone', () => {
    // June 2025 in Stockholm: Mon 2, Mon 9, Wed 11.
    expect(lastCheckInSlot({ weekday: 1, time: '09:00' }, june(11, 10), ZONE)).toEqual({ at: june(9, 9), key: '2025-W24' });
    expect(lastCheckInSlot({ weekday: 1, time: '09:00' }, june(9, 9), ZONE)).toEqual({ at: june(9, 9), key: '2025-W24' });
    expect(lastCheckInSlot({ weekday: 1, time: '09:00' }, june(9, 8, 59), ZONE)).toEqual({ at: june(2, 9), key: '2025-W23' });
    // 07:30 UTC on Monday 9 June is 09:30 in Stockholm but 03:30 in New York.
    expect(lastCheckInSlot({ weekday: 1, time: '09:00' }, Date.UTC(2025, 5, 9, 7, 30), 'America/New_York').key).toBe('2025-W23');
  });
});

describe('the weekly check-in reminder', () => {
  it('comes once a week per open requisition the member recruits for, at the chosen day and time, never twice', () => {
    const e = engine();
    // First sight (Friday): the week that already began is not announced.
    expect(e.at(june(6, 10))).toEqual([]);
    expect(e.at(june(9, 8, 59))).toEqual([]);
    expect(e.at(june(9, 9))).toEqual(['Weekly check-in for Backend Engineer is ready', 'Weekly check-in for Data Engineer is ready']);
    for (const t of [june(9, 9, 1), june(9, 17), june(11, 10), june(13, 18), june(16, 8, 59)]) expect(e.at(t)).toEqual([]);
    expect(e.at(june(16, 9, 5))).toHaveLength(2);
    expect(e.at(june(16, 9, 6))).toEqual([]);
  });

  it('opens that requisition’s check-in on the dashboard', () => {
    const decision = decideReminders({ memberId: ME, requests: [], followUps: [], memory: { ...emptyMemory(), checkIns: { [backend.id]: '2025-W23' } }, policy: policy(), now: june(9, 9), names, checkIns: { requisitions: [backend], schedule: DEFAULT_CHECK_IN_REMINDER } });
    expect(decision.notifications).toEqual([
      { id: notificationId.checkIn(backend.id), title: 'Weekly check-in for Backend Engineer is ready', message: 'Pipeline, who needs to act, sourcing, pass-through and feedback times: open it to copy, download or print.' },
    ]);
    expect(pageFor(parseNotificationId(notificationId.checkIn(backend.id))!)).toBe(`/dashboard.html#checkin/${backend.id}`);
  });

  it('waits for working hours, and shows a week missed while the browser was closed once', () => {
    const e = engine({ enabled: true, weekday: 6, time: '10:00' });
    e.at(june(13, 10));
    // Saturday 14 June 10:00 is not a working day: held until Monday 08:00, once.
    expect(e.at(june(14, 10))).toEqual([]);
    expect(e.at(june(16, 7, 59))).toEqual([]);
    expect(e.at(june(16, 8))).toHaveLength(2);
    expect(e.at(june(16, 9))).toEqual([]);
    // Closed for three weeks: one reminder on return, not three.
    expect(e.at(june(23 + 14, 9))).toHaveLength(2);
    expect(e.at(june(23 + 14, 10))).toEqual([]);
  });

  it('says nothing while it is off, nor for that week once turned on again, nor again in a week when the day moves', () => {
    const e = engine();
    e.at(june(6, 10));
    expect(e.at(june(9, 10), { schedule: { ...DEFAULT_CHECK_IN_REMINDER, enabled: false } })).toEqual([]);
    expect(e.at(june(11, 10))).toEqual([]);
    expect(e.at(june(16, 9))).toHaveLength(2);
    // Moved to Tuesday 09:30 on Tuesday 17 June: that week was announced already.
    expect(e.at(june(17, 9, 30), { schedule: { enabled: true, weekday: 2, time: '09:30' } })).toEqual([]);
    expect(e.at(june(24, 9, 30), { schedule: { enabled: true, weekday: 2, time: '09:30' } })).toHaveLength(2);
  });

  it('tells a recruiter newly on a requisition from the next week on', () => {
    const e = engine();
    e.at(june(9, 10), { requisitions: [backend] });
    expect(e.at(june(10, 10))).toEqual([]);
    expect(e.at(june(16, 9))).toEqual(['Weekly check-in for Backend Engineer is ready', 'Weekly check-in for Data Engineer is ready']);
  });
});
