import type { Queryable } from '@/server/db/database';
import { dueReminderSlot, resolvePolicy } from '@/lib/deadlines';
import { DEFAULT_REMINDER_SETTINGS } from '@/lib/model';
import { queueDueMail } from './mail-queue';

/** A member's reminder rules as the members table holds them; null columns: the defaults. */
export interface MemberRuleColumns {
  time_zone: string | null;
  working_days: number[] | null;
  quiet_start: string | null;
  quiet_end: string | null;
}

/**
 * The policy the server reminds a reviewer by, the extension's rules for the same member: their
 * time zone (UTC when they set none), working days and quiet hours from their member row, which
 * their Options or the review link's mail settings set (the defaults when they set none).
 */
export function serverReminderPolicy(row: Partial<MemberRuleColumns>) {
  return resolvePolicy(DEFAULT_REMINDER_SETTINGS, 'UTC', {
    timeZone: row.time_zone ?? null,
    workingDays: row.working_days ? row.working_days.map(Number) : null,
    quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  });
}

/**
 * Open overdue requests whose reviewer takes review mail, with the last reminder slot queued for
 * them. Withdrawn, reassigned and completed requests are not open, so they are never reminded of.
 */
const OVERDUE = `
  SELECT e.team_id, e.id AS request_id, m.id AS reviewer_id, (e.doc->>'dueAt')::bigint AS due_at, m.time_zone, m.working_days, m.quiet_start, m.quiet_end,
         (SELECT max(q.due_slot::bigint) FROM mail_queue q
           WHERE q.team_id = e.team_id AND q.request_id = e.id AND q.reviewer_id = m.id AND q.kind = 'reminder') AS last_slot
    FROM entities e
    JOIN members m ON m.team_id = e.team_id AND m.id = e.doc->>'reviewerId'
   WHERE e.kind = 'review_request' AND e.doc->>'status' = 'open' AND e.doc->>'deletedAt' IS NULL
     AND (e.doc->>'dueAt')::bigint <= $1 AND m.revoked_at IS NULL AND m.review_mail_off_at IS NULL`;

/**
 * Queues the reminder mails due at `now` (kind `reminder`, due_slot = the slot's time in ms).
 * Every process runs this; the queue's unique key makes a slot queued twice one mail.
 * Returns how many it queued.
 */
export async function queueDueReminders(db: Queryable, now: number): Promise<number> {
  const rows = await db.query<MemberRuleColumns & { team_id: string; request_id: string; reviewer_id: string; due_at: string; last_slot: string | null }>(OVERDUE, [now]);
  const due = rows.flatMap((r) => {
    const slot = dueReminderSlot(Number(r.due_at), r.last_slot === null ? null : Number(r.last_slot), serverReminderPolicy(r), now);
    return slot === null ? [] : [{ teamId: r.team_id, requestId: r.request_id, memberId: r.reviewer_id, slot: String(slot) }];
  });
  return queueDueMail(db, 'reminder', due);
}
