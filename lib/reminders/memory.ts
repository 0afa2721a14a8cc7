import { z } from 'zod';
import { Timestamp } from '@/lib/model';
import { DAY_MS } from '@/lib/time-units';

/** One notification as the engine decided it; the id also says what a click opens (notification-ids.ts). */
export const NotificationSpec = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(200),
  message: z.string().max(1000),
});
export type NotificationSpec = z.infer<typeof NotificationSpec>;

/** What this device already told the member about one review request. */
export const RequestMemory = z.object({
  /** Its arrival was announced (or folded into a nudge or overdue reminder). */
  announcedAt: Timestamp.nullable(),
  /** The last overdue reminder or nudge shown for it. */
  remindedAt: Timestamp.nullable(),
  /** The `at` of the newest nudge shown. */
  nudgeSeenAt: Timestamp.nullable(),
  /** When this entry was made; closed requests' entries are forgotten after a while. */
  since: Timestamp,
});
export type RequestMemory = z.infer<typeof RequestMemory>;

export const FollowUpMemory = z.object({
  /** The due time that was announced: snoozing changes it, so the new one is announced again. */
  dueAt: Timestamp,
  since: Timestamp,
});

/** What this device last told the member about one person's privacy notice (privacy-notice.ts). */
export const NoticeMemory = z.object({ remindedAt: Timestamp, since: Timestamp });
export type NoticeMemory = z.infer<typeof NoticeMemory>;

/**
 * Device-local memory of the reminder engine, in the Dexie `local` table (LOCAL_KEYS.reminders).
 * `pending` holds notifications decided in the same transaction that updated the rest, until
 * they have been shown: a worker stopped in between shows them on its next run (same ids, so a
 * repeat replaces rather than duplicates), and nothing is lost or notified twice.
 */
export const ReminderMemory = z.object({
  requests: z.record(z.string(), RequestMemory),
  followUps: z.record(z.string(), FollowUpMemory),
  pending: z.array(NotificationSpec).max(50),
  /** Requisition id → the ISO week its check-in was last announced for; defaulted for memories from before. */
  checkIns: z.record(z.string(), z.string()).default({}),
  /** Prospect id → the last privacy-notice reminder about them (privacy-notice.ts); defaulted for memories from before. */
  notices: z.record(z.string(), NoticeMemory).default({}),
});
export type ReminderMemory = z.infer<typeof ReminderMemory>;

export const emptyMemory = (): ReminderMemory => ({ requests: {}, followUps: {}, pending: [], checkIns: {}, notices: {} });

/** Entries of requests and follow-ups that are gone are kept this long (a review undone within it is not re-announced). */
export const FORGET_AFTER_MS = 60 * DAY_MS;
