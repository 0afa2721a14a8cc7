import type { Queryable } from '@/server/db/database';
import { type Requisition, recruitsFor } from '@/lib/model';
import { lastCheckInSlot } from '@/lib/deadlines';
import { queueDueMail } from './mail-queue';

/** A week's slot missed by more than this (every server down, or mail turned on later in the week) is left for next week. */
export const CHECK_IN_LATE_MS = 24 * 3_600_000;

/** Recruiters who asked for their check-ins by mail, with each requisition that names them a recruiter, in their own team. */
const ASKED = `
  SELECT m.team_id, m.id AS member_id, m.time_zone, m.check_in_weekday, m.check_in_time, e.doc AS requisition
    FROM members m
    JOIN entities e ON e.team_id = m.team_id AND e.kind = 'requisition' AND e.doc->'recruiterIds' @> to_jsonb(m.id)
   WHERE m.check_in_weekday IS NOT NULL AND m.check_in_time IS NOT NULL AND m.revoked_at IS NULL`;

/**
 * Queues the weekly check-in mails due at `now` (kind `check_in`): one per recruiter and open
 * requisition they recruit for, from their chosen weekday and time in their time zone (UTC when
 * they set none) until a day after it. The due slot is the ISO week there, so the queue's unique
 * key makes it one mail a week whichever process queues it and whatever the schedule becomes.
 */
export async function queueDueCheckIns(db: Queryable, now: number): Promise<number> {
  const rows = await db.query<{ team_id: string; member_id: string; time_zone: string | null; check_in_weekday: number; check_in_time: string; requisition: Requisition }>(ASKED);
  const due = rows.flatMap((r) => {
    if (!recruitsFor(r.requisition, r.member_id)) return [];
    const slot = lastCheckInSlot({ weekday: Number(r.check_in_weekday), time: r.check_in_time }, now, r.time_zone ?? 'UTC');
    return now - slot.at < CHECK_IN_LATE_MS ? [{ teamId: r.team_id, requestId: r.requisition.id, memberId: r.member_id, slot: slot.key }] : [];
  });
  return queueDueMail(db, 'check_in', due);
}
