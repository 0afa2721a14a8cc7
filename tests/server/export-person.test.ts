import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { exportPersonFromServer } from '@/server/privacy/export-person';
import { KIND_OF_TABLE } from '@/lib/model';
import { PERSON_LINKS, personExportText } from '@/lib/privacy/person-export';
import { DATABASE_KINDS } from './support/databases';
import { ADMIN_SECRET, adminAppFor, as, call, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

describe.each(DATABASE_KINDS)('admin export-person on %s', (kind) => {
  const server = serverFor(kind);

  /** Ada (also recorded once as a duplicate, merged in) and Bo, with a row of every kind about each. */
  async function seed() {
    const { team, members } = await teamWith(server.db, ['recruiter', 'hiring_manager']);
    const [recruiter, hm] = members.map((m) => ({ ...m, api: as(server.app, m) }));
    const [ada, dup, bo, req, request] = [ulid(), ulid(), ulid(), ulid(), ulid()];
    const about = (prospectId: string, who: string) => [
      { name: 'note.add', args: { prospectId, body: `team note on ${who}`, at: 3 } },
      { name: 'note.add', args: { prospectId, body: `recruiter’s private note on ${who}`, visibility: 'private', at: 3 } },
      { name: 'activity.log', args: { prospectId, kind: 'outreach', data: { channel: 'email' }, at: 4 } },
      { name: 'pipeline.move', args: { prospectId, requisitionId: req, stage: 'Screen', at: 5 } },
    ];
    const pushed = await recruiter!.api.push([
      { name: 'prospect.upsert', args: { id: ada, identity: { ...identity('ada-lovelace'), emails: ['ada@engines.example'] }, at: 1 } },
      { name: 'prospect.upsert', args: { id: dup, identity: identity('ada-dup', 'Ada L.'), at: 1 } },
      { name: 'prospect.upsert', args: { id: bo, identity: identity('bo-lind', 'Bo Lind'), at: 1 } },
      { name: 'requisition.save', args: { id: req, title: 'Staff Engineer', hiringManagerId: hm!.member.id, stages: ['Screen', 'Onsite'], at: 2 } },
      ...about(ada, 'Ada'),
      ...about(bo, 'Bo'),
      // Written to the duplicate before the merge: it is Ada's all the same.
      { name: 'activity.log', args: { prospectId: dup, kind: 'privacy_notice_sent', data: { channel: 'letter', sentAt: 4 }, at: 4 } },
      { name: 'prospect.merge', args: { intoId: ada, fromId: dup, at: 6 } },
      { name: 'review.request', args: { id: request, requisitionId: req, reviewerId: hm!.member.id, prospectIds: [ada, bo], activityIds: [ulid(), ulid()], at: 7 } },
    ]);
    expect(pushed.rejected).toEqual([]);
    const byHm = await hm!.api.push([
      { name: 'review.decide', args: { requestId: request, prospectId: ada, verdict: 'approve', at: 8 } },
      { name: 'review.decide', args: { requestId: request, prospectId: bo, verdict: 'reject', at: 8 } },
      { name: 'note.add', args: { prospectId: ada, body: 'hiring manager’s private note on Ada', visibility: 'private', at: 9 } },
      { name: 'followup.set', args: { prospectId: ada, dueAt: 20, at: 9 } },
      { name: 'followup.set', args: { prospectId: bo, dueAt: 20, at: 9 } },
    ]);
    expect(byHm.rejected).toEqual([]);
    return { team, ada, dup, bo, request };
  }

  /** Every row of the team's tables that names one of `ids`, straight from SQL: what the export must hold. */
  async function rowsNaming(teamId: string, ids: string[]) {
    const expected: Record<string, string[]> = {};
    for (const { table, field } of PERSON_LINKS) {
      const rows = await server.db.query<{ id: string; doc: Record<string, unknown> }>('SELECT id, doc FROM entities WHERE team_id = $1 AND kind = $2', [teamId, KIND_OF_TABLE[table]]);
      const hit = rows.filter(({ doc }) => (field === 'prospectIds' ? (doc.prospectIds as string[]).some((id) => ids.includes(id)) : ids.includes(doc.prospectId as string)));
      expected[table] = hit.map((r) => r.id).sort();
    }
    return expected;
  }

  it('holds every row of every table about the person, private notes and follow-ups of every member included, and nobody else’s', async () => {
    const { team, ada, dup, bo, request } = await seed();
    const { exported } = await exportPersonFromServer(server.db, team.name, 'linkedin:ada-lovelace');
    expect(exported.person).toMatchObject({ id: ada, name: 'Ada Lovelace' });
    expect(exported.ids.sort()).toEqual([ada, dup].sort());
    expect(exported.tables.prospects?.map((p) => p.id).sort()).toEqual([ada, dup].sort());

    const expected = await rowsNaming(team.id, [ada, dup]);
    for (const { table } of PERSON_LINKS) {
      expect(expected[table]!.length, `${table} has rows about Ada`).toBeGreaterThan(0);
      expect(((exported.tables[table] ?? []) as { id: string }[]).map((r) => r.id).sort(), table).toEqual(expected[table]);
    }
    const bodies = exported.tables.notes!.map((n) => n.body).sort();
    expect(bodies).toEqual(['hiring manager’s private note on Ada', 'recruiter’s private note on Ada', 'team note on Ada']);
    expect(exported.tables.reviewRequests!.map((r) => r.id)).toEqual([request]);
    // Bo is in the same review request (it names them both), and in nothing else exported.
    const rowsAboutBo = await rowsNaming(team.id, [bo]);
    for (const [table, ids] of Object.entries(rowsAboutBo)) {
      if (table === 'reviewRequests') continue;
      const exportedIds = ((exported.tables as Record<string, { id: string }[]>)[table] ?? []).map((r) => r.id);
      expect(exportedIds.filter((id) => ids.includes(id)), table).toEqual([]);
    }
    expect(JSON.stringify(exported)).not.toContain('on Bo');

    const text = personExportText(exported, team.name);
    expect(text).toContain(`What ${team.name} holds about Ada Lovelace`);
    expect(text).toContain('hiring manager’s private note on Ada');
    expect(text).toContain('requisitionId: Staff Engineer (');
  });

  it('finds the person by email, by a merged-away profile key, and through the admin socket; a stranger is a 404 with a reason', async () => {
    const { team, ada } = await seed();
    expect((await exportPersonFromServer(server.db, team.id, 'Ada@Engines.example')).exported.person.id).toBe(ada);
    expect((await exportPersonFromServer(server.db, team.id, 'linkedin:ada-dup')).exported.person.id).toBe(ada);
    const admin = adminAppFor(server.db);
    const res = await call(admin, 'POST', `/admin/teams/${encodeURIComponent(team.name)}/export-person`, { body: { keyOrEmail: 'linkedin:ada-lovelace' }, headers: { 'x-tandem-admin-secret': ADMIN_SECRET } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ team: { id: team.id }, exported: { source: 'server', person: { id: ada } } });
    const missing = await call(admin, 'POST', `/admin/teams/${team.id}/export-person`, { body: { keyOrEmail: 'linkedin:nobody' }, headers: { 'x-tandem-admin-secret': ADMIN_SECRET } });
    expect(missing).toMatchObject({ status: 404, body: { error: `nobody in ${team.name} has the profile key or email “linkedin:nobody”` } });
    const empty = await call(admin, 'POST', `/admin/teams/${team.id}/export-person`, { body: {}, headers: { 'x-tandem-admin-secret': ADMIN_SECRET } });
    expect(empty.status).toBe(400);
  });
});
