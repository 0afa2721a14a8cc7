import type { Database, Queryable } from '@/server/db/database';
import type { Logger } from '@/server/log';
import { MAIL_LOG_DAYS, pruneMailLog } from '@/server/mail/mail-log-retention';
import { runNoticeDeadline } from './notice-deadline';
import { runRetention } from './retention';

/** Teams with a rule that erases people: retention switched on, or erasure at the notice deadline. */
async function teamsWithErasingRules(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ team_id: string }>(
    `SELECT team_id FROM entities
      WHERE kind = 'team_privacy' AND doc ->> 'deletedAt' IS NULL
        AND (doc ->> 'retentionMonths' IS NOT NULL OR doc ->> 'noticeAtDeadline' = 'erase')`,
  );
  return rows.map((r) => r.team_id);
}

export const PRIVACY_RUN_EVERY_MS = 24 * 60 * 60_000;

export interface PrivacyRunOptions {
  /** Days the mail log keeps a line (TANDEM_MAIL_LOG_DAYS); 0 keeps them all. */
  mailLogDays?: number;
  now?: () => number;
}

/**
 * One run of every team's erasing rules: the retention rule, then erasure at the Article 14
 * deadline; then the server's own retention of the mail log. A team whose run fails is logged
 * and the others still run: one team's trouble must not keep everyone else's people past their
 * rule.
 */
export async function runPrivacyRules(db: Database, log: Logger, { mailLogDays = MAIL_LOG_DAYS, now = () => Date.now() }: PrivacyRunOptions = {}): Promise<void> {
  for (const teamId of await teamsWithErasingRules(db)) {
    try {
      const erased = await runRetention(db, teamId, now());
      const untold = await runNoticeDeadline(db, teamId, now());
      log.info({ teamId, erased, erasedAtNoticeDeadline: untold.length }, 'privacy rules run');
    } catch (err) {
      log.warn({ err, teamId }, 'privacy rules run failed for a team');
    }
  }
  if (mailLogDays > 0) {
    const deleted = await pruneMailLog(db, now(), mailLogDays);
    if (deleted) log.info({ deleted, olderThanDays: mailLogDays }, 'mail log lines deleted');
  }
}

/**
 * Runs `runPrivacyRules` once a day (and a minute after start), in this process. With several
 * processes on one Postgres each runs them; the second finds nobody left to erase.
 */
export function schedulePrivacyRuns(db: Database, log: Logger, options: PrivacyRunOptions = {}): () => void {
  const run = () => void runPrivacyRules(db, log, options).catch((err: unknown) => log.warn({ err }, 'privacy rules run failed'));
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, PRIVACY_RUN_EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
