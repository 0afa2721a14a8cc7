import { TZDate } from '@date-fns/tz';
import { ulid } from 'ulidx';
import type { FollowUp, ReminderPolicy, ReviewEvent, ReviewRequest } from '@/lib/model';
import type { ReminderNames } from '@/lib/reminders';

export const ZONE = 'Europe/Stockholm';
export const HOUR = 3_600_000;
export const ME = ulid();
export const RILEY = ulid();
export const SAM = ulid();
export const ROLE = ulid();
export const ADA = ulid();

export const policy = (patch: Partial<ReminderPolicy> = {}): ReminderPolicy => ({
  timeZone: ZONE,
  workingDays: [1, 2, 3, 4, 5],
  quietHours: { start: '19:00', end: '08:00' },
  ...patch,
});

/** Stockholm wall-clock time in June 2025 (Mon 9, Tue 10, Wed 11, Thu 12, Fri 13, Sat 14, Mon 16). */
export const june = (day: number, h = 0, mi = 0) => new TZDate(2025, 5, day, h, mi, ZONE).getTime();

export function request(patch: Partial<ReviewRequest> = {}): ReviewRequest {
  return {
    id: ulid(),
    teamId: 'team',
    version: 1,
    deletedAt: null,
    requisitionId: ROLE,
    requesterId: RILEY,
    reviewerId: ME,
    prospectIds: [ulid(), ulid(), ulid()],
    message: '',
    createdAt: june(10, 14),
    dueAt: june(12, 14),
    status: 'open',
    reassignedFrom: null,
    history: [],
    ...patch,
  };
}

export const nudge = (by: string, at: number): ReviewEvent => ({ kind: 'nudged', by, at, to: null, requestId: null });

export function followUp(patch: Partial<FollowUp> = {}): FollowUp {
  return { id: ulid(), teamId: 'team', version: 1, deletedAt: null, prospectId: ADA, ownerId: ME, dueAt: june(11, 9), note: '', createdAt: june(4, 9), doneAt: null, ...patch };
}

export const names: ReminderNames = {
  member: (id) => ({ [RILEY]: 'Riley Recruiter', [SAM]: 'Sam Sourcer', [ME]: 'Harper Manager' })[id],
  requisition: (id) => (id === ROLE ? 'Staff Platform Engineer' : undefined),
  prospect: (id) => (id === ADA ? 'Ada Lovelace' : undefined),
};
