/**
 * Issue 11: the server runs every team's erasing rules daily (a minute after start, then every
 * 24 hours), logs each team's run, and one team's failed run does not keep the others' from
 * running.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PushResponse } from '@/lib/model';
import type { Database } from '@/server/db/database';
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
    await runPrivacyRules(flaky, log, () => NOW);

    const ran = await db.query<{ team_id: string }>('SELECT team_id FROM retention_runs');
    expect(ran).toHaveLength(1);
    const [failing] = lines.filter((l) => l.level === 'warn');
    expect(failing).toMatchObject({ message: 'privacy rules run failed for a team', fields: { teamId: teams.find((t) => t !== ran[0]!.team_id) } });
    expect(lines.filter((l) => l.level === 'info')).toEqual([{ level: 'info', message: 'privacy rules run', fields: { teamId: ran[0]!.team_id, erased: 0, erasedAtNoticeDeadline: 0 } }]);
  });

  it('runs a minute after start, then once every 24 hours, until stopped', async () => {
    vi.useFakeTimers();
    let runs = 0;
    // Only the query that finds the teams: counting it counts the runs.
    const counting = { query: () => (runs++, Promise.resolve([])) } as unknown as Database;
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
});
