import type { Queryable } from '@/server/db/database';

export type ReviewMailKind = 'review_request' | 'reassigned' | 'reminder' | 'nudge';
/** `check_in`: a recruiter's weekly check-in (request_id: the requisition; reviewer_id: the recruiter). */
export type MailKind = ReviewMailKind | 'check_in';
/** Posts to the team's chat webhook, sent through the same queue. */
export const CHAT_KINDS = ['chat_request', 'chat_overdue'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];
export const isChat = (mail: QueuedMail): mail is QueuedMail & { kind: ChatKind } => (CHAT_KINDS as readonly string[]).includes(mail.kind);

export interface QueuedMail {
  id: number;
  team_id: string;
  request_id: string;
  reviewer_id: string;
  kind: MailKind | ChatKind;
  due_slot: string;
  attempts: number;
  /** The lease this claim holds: finishing checks it, so a sender whose lease ran out writes nothing. */
  leased_until: string;
}

/**
 * Queues mails that fell due with time (reminders, check-ins), each once: a row the unique key
 * already holds is left alone. Returns how many were new.
 */
export async function queueDueMail(db: Queryable, kind: MailKind, due: { teamId: string; requestId: string; memberId: string; slot: string }[]): Promise<number> {
  if (due.length === 0) return 0;
  const queued = await db.query<{ id: number }>(
    `INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind, due_slot)
     SELECT team_id, request_id, member_id, $5, slot FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d(team_id, request_id, member_id, slot)
     ON CONFLICT DO NOTHING RETURNING id`,
    [due.map((d) => d.teamId), due.map((d) => d.requestId), due.map((d) => d.memberId), due.map((d) => d.slot), kind],
  );
  return queued.length;
}

/** Tries before a mail is recorded as failed (about a day with the delays below). */
export const MAX_ATTEMPTS = 12;

/** The wait before the next try after `attempts` tries: 30 s doubling, at most 4 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(4 * 3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims up to `limit` mails that are due, with a lease of `leaseMs`: another sender (another
 * process, or this one after a crash) takes a mail only once its lease has run out. Locked rows
 * are skipped, so senders never wait on each other. `kinds`: only these (null: every kind).
 */
export async function claimMail(db: Queryable, { limit, leaseMs, kinds = null }: { limit: number; leaseMs: number; kinds?: readonly string[] | null }): Promise<QueuedMail[]> {
  const rows = await db.query<QueuedMail>(
    `UPDATE mail_queue q SET leased_until = now() + make_interval(secs => $2 / 1000.0), attempts = q.attempts + 1
      WHERE q.id IN (
        SELECT id FROM mail_queue
         WHERE status = 'queued' AND send_after <= now() AND (leased_until IS NULL OR leased_until < now()) AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
         ORDER BY send_after, id LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING q.id, q.team_id, q.request_id, q.reviewer_id, q.kind, q.due_slot, q.attempts, q.leased_until::text`,
    [limit, leaseMs, kinds],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
}

export type MailOutcome =
  | { status: 'sent'; recipient: string; subject: string }
  | { status: 'skipped'; reason: string; recipient?: string; subject?: string }
  | { status: 'failed' | 'retry'; error: string; recipient?: string; subject?: string };

/**
 * Records what became of a claimed mail, with a line in the mail log, if the claim still holds
 * its lease. Returns false when it did not (the lease ran out and another sender has the mail).
 */
export async function finishMail(db: Queryable, mail: QueuedMail, outcome: MailOutcome): Promise<boolean> {
  const status = outcome.status === 'retry' ? 'queued' : outcome.status;
  const [updated] = await db.query<{ id: number }>(
    `UPDATE mail_queue SET status = $3, leased_until = NULL,
            send_after = CASE WHEN $3 = 'queued' THEN now() + make_interval(secs => $4 / 1000.0) ELSE send_after END
      WHERE id = $1 AND leased_until = $2::timestamptz AND status = 'queued' RETURNING id`,
    [mail.id, mail.leased_until, status, retryDelayMs(mail.attempts)],
  );
  if (!updated) return false;
  await db.query('INSERT INTO mail_log (mail_id, team_id, recipient, subject, status, error) VALUES ($1, $2, $3, $4, $5, $6)', [
    mail.id,
    mail.team_id,
    outcome.recipient ?? null,
    outcome.subject ?? null,
    outcome.status,
    outcome.status === 'skipped' ? outcome.reason : outcome.status === 'sent' ? null : outcome.error,
  ]);
  if (!isChat(mail) && outcome.status !== 'skipped') await noteDelivery(db, mail, outcome.status === 'sent');
  return true;
}

/**
 * Whether mail reaches the reviewer now: an attempt that failed (a refused address, or the SMTP
 * server down) hands their reminders back to their devices until a mail to them goes through.
 */
async function noteDelivery(db: Queryable, mail: QueuedMail, delivered: boolean): Promise<void> {
  await db.query(
    delivered
      ? 'UPDATE members SET mail_failing_since = NULL WHERE team_id = $1 AND id = $2 AND mail_failing_since IS NOT NULL'
      : 'UPDATE members SET mail_failing_since = now() WHERE team_id = $1 AND id = $2 AND mail_failing_since IS NULL',
    [mail.team_id, mail.reviewer_id],
  );
}

/** How long until the next queued mail is due (null: none queued). */
export async function nextMailDueInMs(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ ms: number | null }>(
    "SELECT extract(epoch FROM (min(greatest(send_after, coalesce(leased_until, send_after))) - now())) * 1000 AS ms FROM mail_queue WHERE status = 'queued'",
  );
  return row?.ms === null || row?.ms === undefined ? null : Math.max(0, Number(row.ms));
}
