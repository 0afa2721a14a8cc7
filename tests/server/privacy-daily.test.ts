/**
 * Issue 11: the server runs every team's erasing rules daily (a minute after start, then every
 * 24 hours), logs each team's run, and one team's failed run does not keep the others' from
 * running. The same run deletes mail log lines older than TANDEM_MAIL_LOG_DAYS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PushResponse } from '@/lib/model';
import type { Database } from '@/server/db/database';
import { readConfig } from '@/server/config';
import type { Logger } from '@/server/log';
import { PRIVACY_RUN_EVERY_MS, runPrivacyRules, schedulePrivacyRuns } from '@/server/privacy/daily';
import { freshDatabase } from './support/databases';
import { type App, appFor, as, teamWith } from './support/server';

const NOW = Date.UTC(2027, 5, 15);

async function must(res: Promise<PushResponse>) {
  const { rejected } = await res;
  if (rejected.length) throw new Error(rejected.map((r) => `${r.name}: ${r.reason}`).join('; '));
}

/** A logger that keeps what was logged, by level. */
function recordingLog() {
  const lines: { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string }[] = [];
  const log = {
    info: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'info', fields, message }),
    warn: (fields: Record<string, unknown>, message: string) => lines.push({ level: 'warn', fields, message }),
  } as unknown as Logger;
  return { log, lines };
}

describe('the daily privacy run', () => {
  let db: Database;
  let app: App;
  const teams: string[] = [];

  beforeAll(async () => {
    db = await freshDatabase('pglite');
    app = appFor(db);
    for (let i = 0; i < 2; i++) {
      const { team, members } = await teamWith(db, ['admin']);
      await must(as(app, members[0]!).push([{ name: 'team.privacy.set', args: { noticeDays: 30, noticeAtDeadline: 'remind', retentionMonths: 12, suppressOnDoNotContact: false, at: 1 } }]));
      teams.push(team.id);
    }
  });
  afterAll(() => db.close());
  afterEach(() => vi.useRealTimers());

  it('runs and logs every team with a rule; a team whose run fails is logged and the others still run', async () => {
    // The first team's transaction fails (a conflict, a lost connection): whichever team comes first.
    let failed = false;
    const flaky: Database = Object.assign(Object.create(db) as Database, {
      transaction: <T>(fn: Parameters<Database['transaction']>[0]) => {
        if (!failed) {
          failed = true;
          return Promise.reject(new Error('could not serialize access'));
        }
        return db.transaction(fn) as Promise<T>;
      },
    });
    const { log, lines } = recordingLog();
    await runPrivacyRules(flaky, log, { now: () => NOW });

    const ran = await db.query<{ team_id: string }>('SELECT team_id FROM retention_runs');
    expect(ran).toHaveLength(1);
    const [failing] = lines.filter((l) => l.level === 'warn');
    expect(failing).toMatchObject({ message: 'privacy rules run failed for a team', fields: { teamId: teams.find((t) => t !== ran[0]!.team_id) } });
    expect(lines.filter((l) => l.level === 'info')).toEqual([{ level: 'info', message: 'privacy rules run', fields: { teamId: ran[0]!.team_id, erased: 0, erasedAtNoticeDeadline: 0 } }]);
  });

  it('runs a minute after start, then once every 24 hours, until stopped', async () => {
    vi.useFakeTimers();
    let runs = 0;
    // The query that finds the teams: counting it counts the runs.
    const counting = { query: (sql: string) => (sql.includes('team_privacy') && runs++, Promise.resolve([])) } as unknown as Database;
    const stop = schedulePrivacyRuns(counting, recordingLog().log);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(PRIVACY_RUN_EVERY_MS);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(PRIVACY_RUN_EVERY_MS);
    expect(runs).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(2 * PRIVACY_RUN_EVERY_MS);
    expect(runs).toBe(3);
  });

  it('deletes mail log lines older than the days set, every team’s, and keeps the newer ones and the queue', async () => {
    const { team, members } = await teamWith(db, ['admin', 'hiring_manager']);
    const [mail] = await db.query<{ id: string }>("INSERT INTO mail_queue (team_id, request_id, reviewer_id, kind, status) VALUES ($1, 'req-1', $2, 'review_request', 'sent') RETURNING id", [team.id, members[1]!.member.id]);
    const daysAgo = (days: number) => new Date(NOW - days * 24 * 60 * 60_000).toISOString();
    for (const [days, subject] of [[400, 'a year ago'], [181, 'just past'], [179, 'just inside'], [1, 'yesterday']] as const) {
      await db.query("INSERT INTO mail_log (mail_id, team_id, recipient, subject, status, at) VALUES ($1, $2, 'hm@example.com', $3, 'sent', $4::timestamptz)", [mail!.id, team.id, subject, daysAgo(days)]);
    }
    const subjects = async () => (await db.query<{ subject: string }>('SELECT subject FROM mail_log WHERE team_id = $1 ORDER BY at', [team.id])).map((r) => r.subject);

    await runPrivacyRules(db, recordingLog().log, { now: () => NOW, mailLogDays: 0 });
    expect(await subjects()).toEqual(['a year ago', 'just past', 'just inside', 'yesterday']);

    const { log, lines } = recordingLog();
    await runPrivacyRules(db, log, { now: () => NOW, mailLogDays: 180 });
    expect(await subjects()).toEqual(['just inside', 'yesterday']);
    expect(lines).toContainEqual({ level: 'info', message: 'mail log lines deleted', fields: { deleted: 2, olderThanDays: 180 } });
    expect(await db.query('SELECT id FROM mail_queue WHERE id = $1', [mail!.id])).toHaveLength(1);

    await runPrivacyRules(db, log, { now: () => NOW + 2 * 24 * 60 * 60_000 });
    expect(await subjects()).toEqual(['yesterday']);
  });

  it('reads the mail log’s days from TANDEM_MAIL_LOG_DAYS: 180 unless set, 0 for ever, nothing negative', () => {
    expect(readConfig({}).mailLogDays).toBe(180);
    expect(readConfig({ TANDEM_MAIL_LOG_DAYS: '' }).mailLogDays).toBe(180);
    expect(readConfig({ TANDEM_MAIL_LOG_DAYS: '30' }).mailLogDays).toBe(30);
    expect(readConfig({ TANDEM_MAIL_LOG_DAYS: '0' }).mailLogDays).toBe(0);
    expect(() => readConfig({ TANDEM_MAIL_LOG_DAYS: '-1' })).toThrow(/TANDEM_MAIL_LOG_DAYS/);
  });
});
