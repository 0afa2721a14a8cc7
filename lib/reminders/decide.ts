import { dueText, formatDueAt, isAllowed, isOverdue, localTime, nextReminderAt } from '@/lib/deadlines';
import type { CheckInReminder, FollowUp, PrivacyChoices, ReminderPolicy, Requisition, ReviewRequest } from '@/lib/model';
import { decideCheckIns } from './check-in';
import { type NoticeDuePerson, decideNoticeReminders } from './privacy-notice';
import { FORGET_AFTER_MS, type NotificationSpec, type ReminderMemory, type RequestMemory } from './memory';
import { notificationId } from './notification-ids';

/** Names the texts need; anything missing reads as a neutral fallback. */
export interface ReminderNames {
  member(id: string): string | undefined;
  requisition(id: string): string | undefined;
  prospect(id: string): string | undefined;
}

export interface ReminderInput {
  memberId: string;
  /** The member's open requests (openRequestsForReviewer). */
  requests: ReviewRequest[];
  /** The member's follow-ups not yet done (pendingFollowUps). */
  followUps: FollowUp[];
  memory: ReminderMemory;
  policy: ReminderPolicy;
  now: number;
  names: ReminderNames;
  /** The requisitions on the device and when to announce their weekly check-in (decideCheckIns); none: no check-in reminders. */
  checkIns?: { requisitions: Requisition[]; schedule: CheckInReminder };
  /** The people this member added whose privacy notice is not logged, and the team's choices; none: no notice reminders. */
  notices?: { people: NoticeDuePerson[]; choices: PrivacyChoices };
  /**
   * The team server mails this member's overdue reminders (it said so at the last pull): the
   * device shows none of its own, so a deadline is reminded of once. Arrivals, nudges and the
   * badge stay.
   */
  overdueRemindedByMail?: boolean;
}

export interface Badge {
  /** '' hides the badge. */
  text: string;
  color: string;
  /** The toolbar button's tooltip. */
  title: string;
}

export interface ReminderDecision {
  /** To show now, in this order. */
  notifications: NotificationSpec[];
  /** The memory after showing them (its `pending` is left to the runner). */
  memory: ReminderMemory;
  /** False when the memory is as it was: nothing to write. */
  memoryChanged: boolean;
  badge: Badge;
}

export const BADGE_OVERDUE = '#C5221F';
export const BADGE_WAITING = '#1A73E8';
/** At most this many lines in a grouped notification, then "and N more". */
const GROUP_LINES = 3;
/** Follow-ups coming due together are shown one by one up to this many, then as one group. */
const FOLLOW_UPS_ONE_BY_ONE = 3;

/**
 * What to notify now, and the badge. Pure: the runner reads the inputs and applies the result.
 *
 * - A notification is only ever shown on a working day outside quiet hours (the policy), and that
 *   includes arrivals, nudges and follow-ups, not only overdue reminders: quiet hours are quiet.
 *   Held notifications come at the next allowed moment (the memory is only updated when shown).
 *   The badge always shows the current state.
 * - Arrival of a request (not sent by the member to themselves, not already overdue): "Riley sent
 *   you 3 people for Staff Platform Engineer — due Thu 14:00".
 * - A nudge newer than the last one shown: "Riley nudged you"; it counts as that day's reminder.
 * - Overdue reminders per nextReminderAt (first at the due time, then once a working day), unless
 *   the server mails them (`overdueRemindedByMail`). When
 *   one is due, every other overdue request whose reminder would come later the same local day is
 *   included, so the member gets one "2 reviews are overdue" instead of several during the day.
 * - A follow-up that came due (again, after a snooze).
 * - Each requisition's weekly check-in, from the chosen weekday and time on (check-in.ts).
 * - The privacy notices of people the member added (privacy-notice.ts).
 * Several of a kind at once become one grouped notification: never a stack of them.
 */
export function decideReminders(input: ReminderInput): ReminderDecision {
  const { memberId, policy, now, names } = input;
  const open = input.requests.filter((r) => r.status === 'open' && r.deletedAt === null && r.reviewerId === memberId);
  const followUps = input.followUps.filter((f) => f.deletedAt === null && f.doneAt === null && f.ownerId === memberId);
  const badge = badgeFor(open, now);

  const requests: Record<string, RequestMemory> = { ...input.memory.requests };
  const followUpMemory = { ...input.memory.followUps };
  let changed = false;
  let checkIns = input.memory.checkIns;
  let notices = input.memory.notices;

  // Forget what is long gone; keep everything still open or pending.
  const openIds = new Set(open.map((r) => r.id));
  for (const [id, m] of Object.entries(requests)) {
    if (!openIds.has(id) && m.since < now - FORGET_AFTER_MS) {
      delete requests[id];
      changed = true;
    }
  }
  const pendingIds = new Set(followUps.map((f) => f.id));
  for (const [id, m] of Object.entries(followUpMemory)) {
    if (!pendingIds.has(id) && m.since < now - FORGET_AFTER_MS) {
      delete followUpMemory[id];
      changed = true;
    }
  }

  const done = (notifications: NotificationSpec[]): ReminderDecision => ({
    notifications,
    memory: { requests, followUps: followUpMemory, pending: input.memory.pending, checkIns, notices },
    memoryChanged: changed || notifications.length > 0,
    badge,
  });

  if (!isAllowed(now, policy)) return done([]);

  const arrivals: ReviewRequest[] = [];
  const nudges: { request: ReviewRequest; by: string }[] = [];
  const reminders: ReviewRequest[] = [];
  const overdueLaterToday: ReviewRequest[] = [];
  const today = dayKey(now, policy.timeZone);

  for (const r of open) {
    const m: RequestMemory = requests[r.id] ?? { announcedAt: null, remindedAt: null, nudgeSeenAt: null, since: now };
    const nudge = latestNudge(r, memberId);
    const overdue = isOverdue(r, now);
    let next = m;
    if (nudge && (m.nudgeSeenAt === null || nudge.at > m.nudgeSeenAt)) {
      nudges.push({ request: r, by: nudge.by });
      next = { ...m, announcedAt: m.announcedAt ?? now, remindedAt: now, nudgeSeenAt: nudge.at };
    } else if (overdue && input.overdueRemindedByMail) {
      // The server's mail reminds; nothing to announce either (an overdue arrival is a reminder).
      if (m.announcedAt === null) next = { ...m, announcedAt: now };
    } else if (overdue) {
      const due = nextReminderAt(r.dueAt, m.remindedAt, policy);
      if (due <= now) {
        reminders.push(r);
        next = { ...m, announcedAt: m.announcedAt ?? now, remindedAt: now };
      } else if (dayKey(due, policy.timeZone) === today) {
        overdueLaterToday.push(r);
      }
    } else if (m.announcedAt === null) {
      if (r.requesterId !== memberId) arrivals.push(r);
      next = { ...m, announcedAt: now };
    }
    if (next !== m || !requests[r.id]) {
      requests[r.id] = next;
      changed = true;
    }
  }
  if (reminders.length > 0) {
    for (const r of overdueLaterToday) {
      reminders.push(r);
      requests[r.id] = { ...requests[r.id]!, remindedAt: now };
    }
  }

  const dueFollowUps = followUps.filter((f) => f.dueAt <= now && followUpMemory[f.id]?.dueAt !== f.dueAt);
  for (const f of dueFollowUps) followUpMemory[f.id] = { dueAt: f.dueAt, since: followUpMemory[f.id]?.since ?? now };

  const weekly = input.checkIns ? decideCheckIns({ memberId, ...input.checkIns, announced: checkIns, policy, now }) : null;
  if (weekly?.changed) {
    checkIns = weekly.announced;
    changed = true;
  }

  const privacy = input.notices ? decideNoticeReminders({ ...input.notices, memory: notices, policy, now }) : null;
  if (privacy?.changed) {
    notices = privacy.memory;
    changed = true;
  }

  const text = texts(names, policy, now);
  return done([
    ...nudgeNotifications(nudges, text),
    ...reminderNotifications(sortByDue(reminders), text),
    ...arrivalNotifications(arrivals, text),
    ...followUpNotifications(dueFollowUps, text),
    ...(weekly?.notifications ?? []),
    ...(privacy?.notifications ?? []),
  ]);
}

/** Overdue requests (red) if any, else waiting ones (blue), else none. */
export function badgeFor(open: ReviewRequest[], now: number): Badge {
  const overdue = open.filter((r) => isOverdue(r, now)).length;
  const count = (n: number) => (n > 99 ? '99+' : String(n));
  if (overdue > 0) return { text: count(overdue), color: BADGE_OVERDUE, title: `Tandem — ${plural(overdue, 'review is', 'reviews are')} overdue` };
  if (open.length > 0) return { text: count(open.length), color: BADGE_WAITING, title: `Tandem — ${plural(open.length, 'review is', 'reviews are')} waiting for you` };
  return { text: '', color: BADGE_WAITING, title: 'Tandem' };
}

function latestNudge(r: ReviewRequest, memberId: string): { at: number; by: string } | null {
  let latest: { at: number; by: string } | null = null;
  for (const e of r.history) if (e.kind === 'nudged' && e.by !== memberId && (!latest || e.at > latest.at)) latest = { at: e.at, by: e.by };
  return latest;
}

function dayKey(t: number, timeZone: string): string {
  const l = localTime(t, timeZone);
  return `${l.year}-${l.month}-${l.day}`;
}

const sortByDue = (rs: ReviewRequest[]) => [...rs].sort((a, b) => a.dueAt - b.dueAt);

const rules = new Intl.PluralRules('en');
function plural(n: number, one: string, other: string): string {
  return `${n} ${rules.select(n) === 'one' ? one : other}`;
}

function texts(names: ReminderNames, policy: ReminderPolicy, now: number) {
  const member = (id: string, fallback = 'A teammate') => names.member(id) ?? fallback;
  const role = (r: ReviewRequest) => names.requisition(r.requisitionId) ?? 'a role';
  const people = (r: ReviewRequest) => plural(r.prospectIds.length, 'person', 'people');
  return {
    member,
    /** "Riley sent you 3 people for Staff Platform Engineer — due Thu 14:00" */
    arrival: (r: ReviewRequest) => `${member(r.requesterId)} sent you ${people(r)} for ${role(r)} — due ${formatDueAt(r.dueAt, now, policy.timeZone)}`,
    /** "3 people for Staff Platform Engineer, from Riley — overdue by 2 days" */
    waiting: (r: ReviewRequest) => `${people(r)} for ${role(r)}, from ${member(r.requesterId, 'a teammate')} — ${dueText(r.dueAt, now)}`,
    person: (f: FollowUp) => names.prospect(f.prospectId) ?? 'someone',
    /** The member's own note, else when they meant to. */
    followUp: (f: FollowUp) => f.note || `You planned it for ${formatDueAt(f.dueAt, now, policy.timeZone)}.`,
  };
}
type Texts = ReturnType<typeof texts>;

function lines(items: string[]): string {
  const shown = items.slice(0, GROUP_LINES);
  const more = items.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more`] : [])].join('\n');
}

function arrivalNotifications(arrivals: ReviewRequest[], text: Texts): NotificationSpec[] {
  const [only] = arrivals;
  if (!only) return [];
  if (arrivals.length === 1) {
    // A reassigned request is new to this reviewer, but it helps to know it was someone else's first.
    return [{ id: notificationId.request(only.id), title: only.reassignedFrom ? 'A review was reassigned to you' : 'New review request', message: text.arrival(only) }];
  }
  return [{ id: notificationId.requests('new'), title: `${arrivals.length} new review requests`, message: lines(arrivals.map(text.arrival)) }];
}

function nudgeNotifications(nudges: { request: ReviewRequest; by: string }[], text: Texts): NotificationSpec[] {
  const [only] = nudges;
  if (!only) return [];
  if (nudges.length === 1) return [{ id: notificationId.request(only.request.id), title: `${text.member(only.by)} nudged you`, message: text.waiting(only.request) }];
  return [
    {
      id: notificationId.requests('nudged'),
      title: `You were nudged about ${nudges.length} reviews`,
      message: lines(nudges.map((n) => `${text.member(n.by)}: ${text.waiting(n.request)}`)),
    },
  ];
}

function reminderNotifications(reminders: ReviewRequest[], text: Texts): NotificationSpec[] {
  const [only] = reminders;
  if (!only) return [];
  if (reminders.length === 1) return [{ id: notificationId.request(only.id), title: 'A review is overdue', message: text.waiting(only) }];
  return [{ id: notificationId.requests('overdue'), title: `${reminders.length} reviews are overdue`, message: lines(reminders.map(text.waiting)) }];
}

function followUpNotifications(due: FollowUp[], text: Texts): NotificationSpec[] {
  if (due.length === 0) return [];
  if (due.length <= FOLLOW_UPS_ONE_BY_ONE) {
    return due.map((f) => ({ id: notificationId.followUp(f.id), title: `Follow up with ${text.person(f)}`, message: text.followUp(f) }));
  }
  return [{ id: notificationId.followUps(), title: `Follow up with ${due.length} people`, message: lines(due.map(text.person)) }];
}
