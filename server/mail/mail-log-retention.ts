import { DAY_MS } from '@/lib/time-units';
import type { Queryable } from '@/server/db/database';

/** How long the mail log keeps a line, unless TANDEM_MAIL_LOG_DAYS says otherwise. */
export const MAIL_LOG_DAYS = 180;

/**
 * Deletes every team's mail log lines older than `days` days. They hold members' addresses and
 * subjects (members' names, role titles) and answer only "did that mail go?", a question
 * nobody asks half a year on. The queue's rows stay: their unique key is what keeps a mail
 * from going twice, and they hold ids only.
 */
export async function pruneMailLog(db: Queryable, now: number, days: number): Promise<number> {
  const [gone] = await db.query<{ count: number }>(
    'WITH gone AS (DELETE FROM mail_log WHERE at < $1::timestamptz RETURNING 1) SELECT count(*)::int AS count FROM gone',
    [new Date(now - days * DAY_MS).toISOString()],
  );
  return gone?.count ?? 0;
}
