/**
 * Issue 11, erasure and suppression on the server: every row about an erased person is deleted
 * from every table (only the ids devices must delete are left, in erased_rows), the pull tells
 * devices to delete them, and what names the person afterwards is refused.
 */
import { ulid } from 'ulidx';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ProspectIdentity, type PushResponse, doNotContactSuppressionId, suppressionHash } from '@/lib/model';
import { ERASED_REASON, SUPPRESSED_REASON } from '@/server/sync/forgotten';
import { as, docsOf, teamWith } from './support/server';
import { serverFor } from './support/suite';

type Api = ReturnType<typeof as>;

async function must(res: Promise<PushResponse>) {
  const { rejected } = await res;
  if (rejected.length) throw new Error(rejected.map((r) => `${r.name}: ${r.reason}`).join('; '));
}

const reasons = async (res: Promise<PushResponse>) => (await res).rejected.map((r) => r.reason);

function linkedin(slug: string, name: string, emails: string[] = []): ProspectIdentity {
  return { site: 'linkedin', key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/`, name, headline: 'Analyst', company: 'Engines', location: 'London', emails };
}

function greenhouse(id: string, name: string, emails: string[] = []): ProspectIdentity {
  return { site: 'greenhouse', key: `greenhouse:${id}`, url: `https://app.greenhouse.io/people/${id}`, name, headline: null, company: null, location: null, emails };
}

describe('erasing a person on the server', () => {
  const server = serverFor('pglite');
  let teamId: string;
  let admin: Api, recruiter: Api, sourcer: Api, hm: Api, hmId: string;

  beforeAll(async () => {
    const { team, members } = await teamWith(server.db, ['admin', 'recruiter', 'sourcer', 'hiring_manager']);
    teamId = team.id;
    [admin, recruiter, sourcer, hm] = members.map((m) => as(server.app, m)) as [Api, Api, Api, Api];
    hmId = members[3]!.member.id;
  });

  /** Everything a team would hold about Ada: two records merged, a duplicate id, a feed, notes, a pipeline, reviews, a follow-up. */
  async function ada(slug: string) {
    const s = slug.toLowerCase();
    const ids = { ada: ulid(), duplicate: ulid(), atsRecord: ulid(), other: ulid(), requisition: ulid(), otherRequisition: ulid(), sharedRequest: ulid(), ownRequest: ulid(), privateNote: ulid(), teamNote: ulid(), otherNote: ulid(), search: ulid() };
    const keys = { linkedin: `linkedin:ada-${s}`, greenhouse: `greenhouse:${s}` };
    const emails = [`ada.${s}@engines.example`, `lovelace.${s}@home.example`];
    await must(sourcer.push([{ name: 'prospect.upsert', args: { id: ids.ada, identity: linkedin(`ada-${s}`, 'Ada Lovelace', [emails[0]!]), at: 1 } }]));
    // Another device met her offline: its id becomes an alias.
    await must(recruiter.push([{ name: 'prospect.upsert', args: { id: ids.duplicate, identity: linkedin(`ada-${s}`, 'Ada Lovelace'), at: 2 } }]));
    // Her Greenhouse record, merged into her.
    await must(recruiter.push([{ name: 'prospect.upsert', args: { id: ids.atsRecord, identity: greenhouse(s, 'Ada Lovelace', [emails[1]!]), at: 3 } }]));
    await must(recruiter.push([{ name: 'prospect.merge', args: { intoId: ids.ada, fromId: ids.atsRecord, at: 4 } }]));
    await must(sourcer.push([{ name: 'prospect.upsert', args: { id: ids.other, identity: linkedin(`grace-${s}`, 'Grace Hopper'), at: 5 } }]));
    await must(recruiter.push([{ name: 'requisition.save', args: { id: ids.requisition, title: 'Staff Engineer', hiringManagerId: hmId, recruiterIds: [], mustHaves: ['Go'], stages: ['Sourced', 'Screen'], at: 5 } }]));
    await must(
      sourcer.push([
        { name: 'activity.log', args: { prospectId: ids.duplicate, kind: 'outreach', data: { channel: 'inmail' }, at: 6 } },
        { name: 'activity.log', args: { prospectId: ids.atsRecord, kind: 'viewed', at: 6 } },
        { name: 'note.add', args: { id: ids.privateNote, prospectId: ids.ada, body: `Ada private ${s}: prefers mornings`, visibility: 'private', at: 7 } },
        { name: 'note.add', args: { id: ids.teamNote, prospectId: ids.duplicate, body: `Ada team note ${s}`, at: 7 } },
        { name: 'note.add', args: { id: ids.otherNote, prospectId: ids.other, body: 'Grace note', at: 7 } },
        { name: 'pipeline.move', args: { prospectId: ids.ada, requisitionId: ids.requisition, stage: 'Sourced', at: 8 } },
        { name: 'followup.set', args: { prospectId: ids.ada, dueAt: 20_000, note: `Ask Ada again ${s}`, at: 8 } },
        { name: 'review.request', args: { id: ids.sharedRequest, requisitionId: ids.requisition, reviewerId: hmId, prospectIds: [ids.ada, ids.other], activityIds: [ulid(), ulid()], at: 9 } },
        { name: 'search.save', args: { id: ids.search, name: 'Engines people', query: { text: 'engines' }, at: 9 } },
      ]),
    );
    await must(hm.push([{ name: 'review.decide', args: { requestId: ids.sharedRequest, prospectId: ids.ada, verdict: 'approve', note: `Ada is great ${s}`, at: 10 } }]));
    await must(recruiter.push([{ name: 'requisition.save', args: { id: ids.otherRequisition, title: 'Data Engineer', hiringManagerId: hmId, recruiterIds: [], mustHaves: [], stages: ['Sourced'], at: 11 } }]));
    await must(recruiter.push([{ name: 'review.request', args: { id: ids.ownRequest, requisitionId: ids.otherRequisition, reviewerId: hmId, prospectIds: [ids.atsRecord], activityIds: [ulid()], at: 11 } }]));
    return { ids, keys, emails };
  }

  /** Every table's rows that mention any of `needles` (as text), by table. */
  async function mentions(needles: string[]): Promise<Record<string, string[]>> {
    const tables = await server.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    const found: Record<string, string[]> = {};
    for (const { table_name: table } of tables) {
      const rows = await server.db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
      const hits = rows.map((r) => r.row).filter((row) => needles.some((n) => row.toLowerCase().includes(n.toLowerCase())));
      if (hits.length) found[table] = hits;
    }
    return found;
  }

  it('refuses an erasure confirmed with another name, without storing what was typed', async () => {
    const { ids } = await ada('wrongname');
    expect(await reasons(recruiter.push([{ name: 'prospect.erase', args: { prospectId: ids.ada, confirmName: 'Ada Byron', at: 20 } }]))).toEqual([
      'the name given to confirm is not this person’s name: type it as the sidebar shows it',
    ]);
    expect(await mentions(['Ada Byron'])).toEqual({});
  });

  it('deletes every row about the person from every table, and leaves only ids for devices to delete', async () => {
    const { ids, keys, emails } = await ada('erased');
    const before = await recruiter.pull(0, 5000);
    // Her own review request (she alone was in it); the first one also lists Grace.
    const personIds = [ids.ada, ids.duplicate, ids.atsRecord];
    const rowsAbout = (await server.db.query<{ kind: string; id: string }>(
      "SELECT kind, id FROM entities WHERE team_id = $1 AND (id = ANY($2::text[]) OR doc ->> 'prospectId' = ANY($2::text[]))",
      [teamId, personIds],
    ));
    expect(rowsAbout.length).toBeGreaterThan(10);

    // A refusal whose reason names her.
    expect(await reasons(sourcer.push([{ name: 'review.request', args: { requisitionId: ids.requisition, reviewerId: hmId, prospectIds: [ids.ada], activityIds: [ulid()], at: 12 } }]))).toEqual([
      expect.stringContaining('Ada Lovelace is already in review'),
    ]);
    await must(recruiter.push([{ name: 'prospect.erase', args: { prospectId: ids.duplicate, confirmName: '  ada LOVELACE ', at: 20 } }]));
    expect(await server.db.query("SELECT reason FROM rejections WHERE reason LIKE '%Ada Lovelace%'")).toEqual([]);

    // Nothing anywhere holds her name, keys, emails or words; her ids only in erased_rows.
    const left = await mentions([...personIds, ...Object.values(keys), ...emails, 'Ada private erased', 'Ada team note erased', 'Ask Ada again erased', 'Ada is great erased']);
    expect(left.entities ?? []).toEqual([]);
    expect(Object.keys(left)).toEqual(["erased_rows"]);
    const erased = await server.db.query<{ kind: string; id: string }>('SELECT kind, id FROM erased_rows WHERE team_id = $1', [teamId]);
    expect(new Set(erased.map((r) => `${r.kind}:${r.id}`))).toEqual(new Set([...rowsAbout.map((r) => `${r.kind}:${r.id}`), `review_request:${ids.ownRequest}`]));
    expect(await server.db.query('SELECT * FROM prospect_keys WHERE team_id = $1 AND key = ANY($2::text[])', [teamId, Object.values(keys)])).toEqual([]);

    // What is not about her stays: Grace, her note, the requisition, the saved search, and the
    // shared request with Grace alone in it.
    const after = await recruiter.pull(0, 5000);
    const request = docsOf<{ id: string; prospectIds: string[] }>(after.rows, 'review_request').find((r) => r.id === ids.sharedRequest);
    expect(request?.prospectIds).toEqual([ids.other]);
    expect(docsOf<{ id: string }>(after.rows, 'note').map((n) => n.id)).toContain(ids.otherNote);
    expect(docsOf<{ id: string }>(after.rows, 'requisition').map((n) => n.id)).toContain(ids.requisition);
    expect(docsOf<{ id: string }>(await sourcer.pullAll(), 'saved_search').map((n) => n.id)).toContain(ids.search);

    // A device that had pulled before is told to delete each of her rows, with no content.
    const since = await hm.pull(before.cursor, 5000);
    const deletes = since.rows.filter((r) => r.doc === null).map((r) => `${r.kind}:${r.id}`);
    expect(deletes).toEqual(expect.arrayContaining(erased.filter((r) => r.kind !== 'note' || r.id !== ids.privateNote).map((r) => `${r.kind}:${r.id}`)));
  });

  it('logs who erased and when, with the person only as keyed hashes of their keys', async () => {
    const { ids, keys } = await ada('audited');
    await must(admin.push([{ name: 'prospect.erase', args: { prospectId: ids.ada, confirmName: 'Ada Lovelace', at: 20 } }]));
    const log = await server.db.query<{ erased_by: string; key_hashes: string[]; rows_erased: number; cause: string; erased_at: Date }>(
      'SELECT erased_by, key_hashes, rows_erased, cause, erased_at FROM erasure_log WHERE team_id = $1 ORDER BY id DESC LIMIT 1',
      [teamId],
    );
    expect(log[0]).toMatchObject({ cause: 'request', key_hashes: [expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)] });
    expect(log[0]!.rows_erased).toBeGreaterThan(10);
    expect(JSON.stringify(log)).not.toContain(keys.linkedin);
    expect(JSON.stringify(log)).not.toContain('ada-audited');
  });

  it('refuses every later change that names the person, and recording them again, until an admin lifts the entry', async () => {
    const { ids, keys, emails } = await ada('stale');
    await must(recruiter.push([{ name: 'prospect.erase', args: { prospectId: ids.ada, confirmName: 'Ada Lovelace', at: 20 } }]));
    // A queue that was offline meanwhile.
    expect(
      await reasons(
        sourcer.push([
          { name: 'note.add', args: { prospectId: ids.atsRecord, body: 'Offline note about her', at: 21 } },
          { name: 'note.edit', args: { id: ids.teamNote, body: 'edited', at: 21 } },
          { name: 'activity.log', args: { prospectId: ids.ada, kind: 'viewed', at: 21 } },
          { name: 'prospect.upsert', args: { id: ids.ada, identity: linkedin(keys.linkedin.slice('linkedin:'.length), 'Ada Lovelace'), at: 21 } },
          { name: 'prospect.upsert', args: { id: ulid(), identity: linkedin(keys.linkedin.slice('linkedin:'.length), 'Ada Lovelace'), at: 21 } },
          { name: 'prospect.upsert', args: { id: ulid(), identity: greenhouse(keys.greenhouse.slice('greenhouse:'.length), 'A. Lovelace'), at: 21 } },
          { name: 'prospect.upsert', args: { id: ulid(), identity: linkedin(`someone-new-${ids.ada.toLowerCase()}`, 'Ada L.', [emails[1]!.toUpperCase()]), at: 21 } },
        ]),
      ),
    ).toEqual([ERASED_REASON, ERASED_REASON, ERASED_REASON, ERASED_REASON, SUPPRESSED_REASON, SUPPRESSED_REASON, SUPPRESSED_REASON]);
    expect(await mentions([ids.ada, keys.linkedin, 'Offline note about her'])).toEqual({ erased_rows: [expect.stringContaining(ids.ada)] });

    const page = await hm.pull(0, 5000);
    const hashed = [...Object.values(keys).map((k) => `key:${k}`), ...emails.map((e) => `email:${e}`)].map((i) => suppressionHash(page.suppressionSecret!, i));
    const entry = docsOf<{ id: string; hashes: string[]; at: number }>(page.rows, 'suppression').find((s) => s.hashes.includes(hashed[0]!));
    expect(entry, 'the suppression entry: her two keys and two emails, hashed, and the date').toBeDefined();
    expect(Object.keys(entry!).sort()).toEqual(['at', 'deletedAt', 'hashes', 'id', 'teamId', 'version']);
    expect([entry!.at, [...entry!.hashes].sort()]).toEqual([20, [...hashed].sort()]);
    expect(await reasons(recruiter.push([{ name: 'suppression.lift', args: { id: entry!.id, at: 30 } }]))).toEqual(['only an admin can lift an entry of the suppression list']);
    await must(admin.push([{ name: 'suppression.lift', args: { id: entry!.id, at: 30 } }]));
    const lifted = docsOf<{ id: string; hashes: string[]; deletedAt: number | null }>((await hm.pull(0, 5000)).rows, 'suppression').find((s) => s.id === entry!.id);
    expect(lifted).toMatchObject({ hashes: [], deletedAt: 30 });
    await must(sourcer.push([{ name: 'prospect.upsert', args: { id: ulid(), identity: linkedin(keys.linkedin.slice('linkedin:'.length), 'Ada Lovelace'), at: 31 } }]));
  });

  it('keeps do-not-contact in the suppression list only when the team chose to', async () => {
    const off = ulid();
    await must(sourcer.push([{ name: 'prospect.upsert', args: { id: off, identity: linkedin(`dnc-off-${off.toLowerCase()}`, 'Dee Off'), at: 1 } }]));
    await must(recruiter.push([{ name: 'prospect.setDoNotContact', args: { prospectId: off, reason: 'Asked us to stop', at: 2 } }]));
    await must(sourcer.push([{ name: 'prospect.upsert', args: { id: off, identity: linkedin(`dnc-off-${off.toLowerCase()}`, 'Dee Off'), at: 3 } }]));

    await must(admin.push([{ name: 'team.privacy.set', args: { noticeDays: 30, noticeAtDeadline: 'remind', retentionMonths: null, suppressOnDoNotContact: true, at: 4 } }]));
    const on = ulid();
    await must(sourcer.push([{ name: 'prospect.upsert', args: { id: on, identity: linkedin(`dnc-on-${on.toLowerCase()}`, 'Dee On'), at: 5 } }]));
    await must(recruiter.push([{ name: 'prospect.setDoNotContact', args: { prospectId: on, reason: 'Asked us to stop', at: 6 } }]));
    expect(await reasons(sourcer.push([{ name: 'prospect.upsert', args: { id: ulid(), identity: linkedin(`dnc-on-${on.toLowerCase()}`, 'Dee On'), at: 7 } }]))).toEqual([SUPPRESSED_REASON]);
    // Do-not-contact cleared (they wrote back): its entry is lifted with it, for every device.
    await must(recruiter.push([{ name: 'prospect.setDoNotContact', args: { prospectId: on, reason: null, at: 8 } }]));
    const entry = docsOf<{ id: string; hashes: string[]; deletedAt: number | null }>((await sourcer.pull(0, 5000)).rows, 'suppression').find((e) => e.id === doNotContactSuppressionId(on));
    expect(entry).toMatchObject({ hashes: [], deletedAt: 8 });
    await must(sourcer.push([{ name: 'prospect.upsert', args: { id: ulid(), identity: linkedin(`dnc-on-${on.toLowerCase()}`, 'Dee On'), at: 9 } }]));
    await must(admin.push([{ name: 'team.privacy.set', args: { noticeDays: 30, noticeAtDeadline: 'remind', retentionMonths: null, suppressOnDoNotContact: false, at: 10 } }]));
  });
});
