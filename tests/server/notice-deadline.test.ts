import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { peopleToEraseAtNoticeDeadline, runNoticeDeadline } from '@/server/privacy/notice-deadline';
import { DATABASE_KINDS } from './support/databases';
import { as, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

const DAY = 86_400_000;

describe.each(DATABASE_KINDS)('the Article 14 deadline on the server (%s)', (kind) => {
  const server = serverFor(kind);

  /** Stored at day 0: Ada (never told), Bo (told, on a record merged into him), Cy (stored on day 5). */
  async function seed(atDeadline: 'remind' | 'erase') {
    const { team, members } = await teamWith(server.db, ['admin', 'recruiter']);
    const [admin, recruiter] = members.map((m) => as(server.app, m));
    const [ada, bo, boDup, cy] = [ulid(), ulid(), ulid(), ulid()];
    const t0 = 1_750_000_000_000;
    expect((await admin!.push([{ name: 'team.privacy.set', args: { noticeDays: 10, noticeAtDeadline: atDeadline, retentionMonths: null, suppressOnDoNotContact: false, at: t0 } }])).rejected).toEqual([]);
    const pushed = await recruiter!.push([
      { name: 'prospect.upsert', args: { id: ada, identity: identity('ada'), at: t0 } },
      { name: 'prospect.upsert', args: { id: bo, identity: identity('bo', 'Bo'), at: t0 } },
      { name: 'prospect.upsert', args: { id: boDup, identity: identity('bo-2', 'Bo'), at: t0 } },
      { name: 'activity.log', args: { prospectId: boDup, kind: 'privacy_notice_sent', data: { channel: 'email', sentAt: t0 + DAY }, at: t0 + DAY } },
      { name: 'prospect.merge', args: { intoId: bo, fromId: boDup, at: t0 + 2 * DAY } },
      { name: 'prospect.upsert', args: { id: cy, identity: identity('cy', 'Cy'), at: t0 + 5 * DAY } },
    ]);
    expect(pushed.rejected).toEqual([]);
    return { teamId: team.id, ada, cy, t0 };
  }

  it('names, from the deadline on, the people never told, when the team erases at the deadline', async () => {
    const { teamId, ada, cy, t0 } = await seed('erase');
    expect(await peopleToEraseAtNoticeDeadline(server.db, teamId, t0 + 10 * DAY - 1)).toEqual([]);
    expect(await peopleToEraseAtNoticeDeadline(server.db, teamId, t0 + 10 * DAY)).toEqual([ada]);
    expect(await peopleToEraseAtNoticeDeadline(server.db, teamId, t0 + 15 * DAY)).toEqual([ada, cy].sort());
  });

  it('erases them at the deadline as prospect.erase would, logged as the deadline’s doing, once', async () => {
    const { teamId, ada, t0 } = await seed('erase');
    expect(await runNoticeDeadline(server.db, teamId, t0 + 10 * DAY)).toEqual([ada]);
    const rows = await server.db.query<{ id: string }>("SELECT id FROM entities WHERE team_id = $1 AND (id = $2 OR doc->>'prospectId' = $2)", [teamId, ada]);
    expect(rows).toEqual([]);
    expect(await server.db.query('SELECT erased_by, cause FROM erasure_log WHERE team_id = $1', [teamId])).toEqual([{ erased_by: null, cause: 'notice_deadline' }]);
    expect(await server.db.query("SELECT count(*)::int AS n FROM entities WHERE team_id = $1 AND kind = 'suppression'", [teamId])).toEqual([{ n: 1 }]);
    expect(await runNoticeDeadline(server.db, teamId, t0 + 10 * DAY)).toEqual([]);
  });

  it('names nobody when the team is reminded again instead', async () => {
    const { teamId, t0 } = await seed('remind');
    expect(await peopleToEraseAtNoticeDeadline(server.db, teamId, t0 + 60 * DAY)).toEqual([]);
  });
});
