/**
 * Issue 11, retention: with the clock moved past N months of no activity, the server's daily run
 * erases such people through the same erasure as `prospect.erase` (nothing of them left, their
 * keys suppressed, the erasure logged with cause `retention`) and logs the run; a preview first
 * says who, by name; with the rule off nothing runs.
 */
import { ulid } from 'ulidx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '@/lib/model';
import { directOps } from '@/server/admin/commands';
import { SUPPRESSED_REASON } from '@/server/sync/forgotten';
import { retentionCutoff, retentionPreview, runRetention } from '@/server/privacy/retention';
import { as, call, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

const DAY = 86_400_000;
const NOW = Date.UTC(2027, 5, 15);

async function must(res: Promise<PushResponse>) {
  const { rejected } = await res;
  if (rejected.length) throw new Error(rejected.map((r) => `${r.name}: ${r.reason}`).join('; '));
}

describe('the retention rule', () => {
  const server = serverFor('pglite');
  let teamId: string;
  let teamName: string;
  let admin: ReturnType<typeof as>;
  let sourcer: ReturnType<typeof as>;
  let tokens: { admin: string; sourcer: string };
  const ids = { stale: ulid(), staleAlias: ulid(), fresh: ulid(), noted: ulid() };

  beforeAll(async () => {
    const { team, members } = await teamWith(server.db, ['admin', 'sourcer']);
    [teamId, teamName] = [team.id, team.name];
    [admin, sourcer] = members.map((m) => as(server.app, m)) as [typeof admin, typeof sourcer];
    tokens = { admin: members[0]!.token, sourcer: members[1]!.token };
    const long = NOW - 400 * DAY;
    await must(
      sourcer.push([
        // Last touched 400 days ago, also under an id merged into theirs.
        { name: 'prospect.upsert', args: { id: ids.stale, identity: identity('stale-person', 'Stella Stale'), at: long } },
        { name: 'prospect.upsert', args: { id: ids.staleAlias, identity: identity('stale-person', 'Stella Stale'), at: long } },
        { name: 'activity.log', args: { prospectId: ids.staleAlias, kind: 'outreach', data: { channel: 'email' }, at: long + DAY } },
        // Created long ago, but contacted last month.
        { name: 'prospect.upsert', args: { id: ids.fresh, identity: identity('fresh-person', 'Fred Fresh'), at: long } },
        { name: 'activity.log', args: { prospectId: ids.fresh, kind: 'outreach', data: { channel: 'email' }, at: NOW - 30 * DAY } },
        // Created long ago, a note last week.
        { name: 'prospect.upsert', args: { id: ids.noted, identity: identity('noted-person', 'Nora Noted'), at: long } },
        { name: 'note.add', args: { prospectId: ids.noted, body: 'Still interested', at: NOW - 7 * DAY } },
      ]),
    );
  });

  it('does nothing while it is off, and the preview says who a rule would erase, by name', async () => {
    expect(await runRetention(server.db, teamId, NOW)).toBe(0);
    expect(await server.db.query('SELECT * FROM retention_runs WHERE team_id = $1', [teamId])).toEqual([]);
    const preview = await retentionPreview(server.db, teamId, NOW, 12);
    expect(preview.people.map((p) => [p.id, p.name])).toEqual([[ids.stale, 'Stella Stale']]);
    expect(preview.cutoff).toBe(retentionCutoff(NOW, 12));
  });

  it('previews for an admin of the team over HTTP (Options → Privacy), and for nobody else', async () => {
    // The route's clock is the real one: one month back reaches Stella (400 days before NOW) and
    // nobody touched since.
    const preview = await call(server.app, 'GET', '/v1/privacy/retention-preview?months=1', { token: tokens.admin });
    expect(preview.status).toBe(200);
    expect((preview.body as { people: { id: string; name: string }[] }).people.map((p) => p.name)).toEqual(['Stella Stale']);
    const refused = await call(server.app, 'GET', '/v1/privacy/retention-preview?months=1', { token: tokens.sourcer });
    expect(refused).toMatchObject({ status: 403, body: { error: 'only an admin previews the team’s retention rule' } });
    expect((await call(server.app, 'GET', '/v1/privacy/retention-preview?months=0', { token: tokens.admin })).status).toBe(400);
    expect((await call(server.app, 'GET', '/v1/privacy/retention-preview', { token: tokens.admin })).status).toBe(400);
    // Another team's admin sees their own team: nobody.
    const other = await teamWith(server.db, ['admin']);
    const theirs = await call(server.app, 'GET', '/v1/privacy/retention-preview?months=1', { token: other.members[0]!.token });
    expect(theirs).toMatchObject({ status: 200, body: { people: [] } });
  });

  it('sends everyone it would erase, not a first page, with their name and last activity only', async () => {
    const { members } = await teamWith(server.db, ['admin']);
    const long = Date.now() - 400 * DAY;
    const people = Array.from({ length: 60 }, (_, i) => ({ id: ulid(), name: `Stale ${i}`, key: `stale-${i}` }));
    await must(as(server.app, members[0]!).push(people.map((p, i) => ({ name: 'prospect.upsert', args: { id: p.id, identity: identity(p.key, p.name), at: long + i } }))));
    const preview = await call(server.app, 'GET', '/v1/privacy/retention-preview?months=1', { token: members[0]!.token });
    const listed = (preview.body as { people: Record<string, unknown>[] }).people;
    expect(listed.map((p) => p.id)).toEqual(people.map((p) => p.id));
    expect(listed.every((p) => Object.keys(p).sort().join() === 'id,lastActivityAt,name')).toBe(true);
  });

  it('erases them on its run once an admin switches it on, logs the run, and suppresses them', async () => {
    await must(admin.push([{ name: 'team.privacy.set', args: { noticeDays: 30, noticeAtDeadline: 'remind', retentionMonths: 12, suppressOnDoNotContact: false, at: NOW - DAY } }]));
    expect((await retentionPreview(server.db, teamId, NOW)).people.map((p) => p.id)).toEqual([ids.stale]);
    // The CLI's preview (now: the real clock, before the moved one) names the team and its rule.
    expect(await directOps(server.db).retentionPreview(teamName)).toMatchObject({ team: { id: teamId }, months: 12 });

    expect(await runRetention(server.db, teamId, NOW)).toBe(1);
    const left = await server.db.query<{ kind: string }>("SELECT kind FROM entities WHERE team_id = $1 AND (id = ANY($2::text[]) OR doc ->> 'prospectId' = ANY($2::text[]) OR doc::text LIKE '%stale-person%')", [teamId, [ids.stale, ids.staleAlias]]);
    expect(left).toEqual([]);
    const kept = await server.db.query<{ id: string }>("SELECT id FROM entities WHERE team_id = $1 AND kind = 'prospect'", [teamId]);
    expect(kept.map((r) => r.id).sort()).toEqual([ids.fresh, ids.noted].sort());
    expect(await server.db.query<{ erased_by: string | null; cause: string }>('SELECT erased_by, cause FROM erasure_log WHERE team_id = $1', [teamId])).toEqual([{ erased_by: null, cause: 'retention' }]);
    const runs = await server.db.query<{ months: number; people_erased: number }>('SELECT months, people_erased FROM retention_runs WHERE team_id = $1', [teamId]);
    expect(runs).toEqual([{ months: 12, people_erased: 1 }]);

    // Sourced again from a stale queue: refused, as after any erasure.
    expect((await sourcer.push([{ name: 'prospect.upsert', args: { id: ulid(), identity: identity('stale-person', 'Stella Stale'), at: NOW } }])).rejected.map((r) => r.reason)).toEqual([SUPPRESSED_REASON]);

    // The next day's run finds nobody, and says so.
    expect(await runRetention(server.db, teamId, NOW + DAY)).toBe(0);
    expect((await server.db.query('SELECT * FROM retention_runs WHERE team_id = $1', [teamId])).length).toBe(2);
  });
});
