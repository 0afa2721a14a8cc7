import type { PrivacyChoices, ReminderPolicy } from '@/lib/model';
import { calendarDaysBetween, nextNoticeReminderAt, noticeDueAt } from '@/lib/privacy/notice-clock';
import { FORGET_AFTER_MS, type NoticeMemory, type NotificationSpec } from './memory';
import { notificationId } from './notification-ids';

/** A person the member added whose notice is not logged yet (lib/db/privacy-queries.ts). */
export interface NoticeDuePerson {
  prospectId: string;
  name: string;
  createdAt: number;
}

/** At most this many people are named one by one; more become one notification. */
const ONE_BY_ONE = 3;

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** "Due in 7 days", "Due today", "Overdue by 2 days": the clock of one person, in the member's zone. */
function dueWords(dueAt: number, now: number, timeZone: string): string {
  const left = calendarDaysBetween(now, dueAt, timeZone);
  if (left > 0) return `Due in ${days(left)}`;
  if (left === 0) return 'Due today';
  return `Overdue by ${days(-left)}`;
}

/**
 * The Article 14 reminders of the member who added people: when each is due per
 * `nextNoticeReminderAt` (a week ahead; with 'remind', at the deadline and once a working day
 * after). The caller holds them outside working hours, as every reminder. Up to three people are
 * named one by one, more in one notification.
 */
export function decideNoticeReminders(input: { people: readonly NoticeDuePerson[]; choices: PrivacyChoices; memory: Record<string, NoticeMemory>; policy: ReminderPolicy; now: number }): {
  notifications: NotificationSpec[];
  memory: Record<string, NoticeMemory>;
  changed: boolean;
} {
  const { choices, policy, now } = input;
  const memory = { ...input.memory };
  let changed = false;
  const stillDue = new Set(input.people.map((p) => p.prospectId));
  for (const [id, m] of Object.entries(memory)) {
    if (!stillDue.has(id) && m.since < now - FORGET_AFTER_MS) {
      delete memory[id];
      changed = true;
    }
  }
  const due = input.people.filter((p) => {
    const next = nextNoticeReminderAt({ createdAt: p.createdAt, noticeDays: choices.noticeDays, atDeadline: choices.noticeAtDeadline, lastRemindedAt: memory[p.prospectId]?.remindedAt ?? null, policy });
    return next !== null && next <= now;
  });
  for (const p of due) memory[p.prospectId] = { remindedAt: now, since: memory[p.prospectId]?.since ?? now };
  if (due.length > 0) changed = true;

  const line = (p: NoticeDuePerson) => `${p.name}: ${dueWords(noticeDueAt(p.createdAt, choices.noticeDays), now, policy.timeZone).toLowerCase()}`;
  const notifications: NotificationSpec[] =
    due.length === 0
      ? []
      : due.length <= ONE_BY_ONE
        ? due.map((p) => ({
            id: notificationId.notice(p.prospectId),
            title: `Privacy notice for ${p.name}`,
            message: `${dueWords(noticeDueAt(p.createdAt, choices.noticeDays), now, policy.timeZone)}: tell them your team holds their data, then log it in the sidebar.`,
          }))
        : [{ id: notificationId.notices(), title: `Privacy notices due for ${due.length} people`, message: [...due.slice(0, ONE_BY_ONE).map(line), `and ${due.length - ONE_BY_ONE} more`].join('\n') }];
  return { notifications, memory, changed };
}
