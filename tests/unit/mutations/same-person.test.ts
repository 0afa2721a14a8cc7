import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { mutate } from '@/lib/db/mutate';
import { activitiesFor, findProspectByKey, notesFor, pipelineFor, resolvePeople, resolvePerson } from '@/lib/db/queries';
import { requestsForProspect } from '@/lib/db/review-queries';
import { type ProspectIdentity, pipelineEntryId } from '@/lib/model';
import { MutationRefused, activityLog, noteAdd, pipelineMove, prospectAttachProfile, prospectMerge, prospectSetDoNotContact, prospectUpsert, requisitionSave, reviewDecide, reviewRequest } from '@/lib/mutations';
import { arrived, freshDb, identity, member, signInAs, wipe } from '../../support/db';

const db = freshDb();
afterEach(async () => {
  await wipe(db);
});

const greenhouse = (id: string, patch: Partial<ProspectIdentity> = {}): ProspectIdentity => ({
  site: 'greenhouse',
  key: `greenhouse:${id}`,
  url: `https://app.greenhouse.io/people/${id}`,
  name: `Candidate ${id} on Greenhouse`,
  nameIsStandIn: true,
  headline: null,
  company: null,
  location: null,
  ...patch,
});

async function person(slug: string, ctx = member()) {
  const { result } = await mutate(db, prospectUpsert, { identity: identity(slug, { name: slug.replace('-', ' ') }) }, ctx);
  return result!;
}

describe('prospect.attachProfile', () => {
  it('adds the page’s profile and emails to the person and keeps their name', async () => {
    const ctx = member('sourcer');
    const id = await person('ada-lovelace', ctx);
    await mutate(db, prospectAttachProfile, { prospectId: id, identity: greenhouse('4521', { emails: ['Ada@Engines.example'] }) }, ctx);
    const p = await findProspectByKey(db, 'greenhouse:4521');
    expect(p?.id).toBe(id);
    expect(p?.name).toBe('ada lovelace');
    expect(p?.profiles.map((r) => r.key)).toEqual(['linkedin:ada-lovelace', 'greenhouse:4521']);
    expect(p?.emails).toEqual(['ada@engines.example']);
    const again = await mutate(db, prospectAttachProfile, { prospectId: id, identity: greenhouse('4521', { emails: ['ada@engines.example'] }) }, ctx);
    expect(again.mutationId).toBeNull();
  });

  it('refuses a profile that is already another person: that is a merge', async () => {
    const ctx = member();
    const ada = await person('ada-lovelace', ctx);
    await person('grace-hopper', ctx);
    await expect(mutate(db, prospectAttachProfile, { prospectId: ada, identity: identity('grace-hopper') }, ctx)).rejects.toThrow(
      'this LinkedIn profile already belongs to grace hopper in the team; merge the two people instead',
    );
  });

  it('refuses a second profile on the same site: two Greenhouse ids are two people', async () => {
    const ctx = member();
    const ada = await person('ada-lovelace', ctx);
    await mutate(db, prospectAttachProfile, { prospectId: ada, identity: greenhouse('1') }, ctx);
    await expect(mutate(db, prospectAttachProfile, { prospectId: ada, identity: greenhouse('2') }, ctx)).rejects.toThrow('already has another Greenhouse profile');
  });

  it('is refused to hiring managers', async () => {
    const ada = await person('ada-lovelace');
    await expect(mutate(db, prospectAttachProfile, { prospectId: ada, identity: greenhouse('1') }, member('hiring_manager'))).rejects.toThrow(MutationRefused);
  });
});

describe('prospect.upsert and stand-in names', () => {
  it('records nobody under a stand-in name, and never replaces a real name with one', async () => {
    const ctx = member();
    await expect(mutate(db, prospectUpsert, { identity: greenhouse('9') }, ctx)).rejects.toThrow('does not show this person’s name yet');
    const { result: id } = await mutate(db, prospectUpsert, { identity: greenhouse('9', { name: 'Grace Hopper', nameIsStandIn: false, emails: ['grace@navy.example'] }) }, ctx);
    await mutate(db, prospectUpsert, { id: id!, identity: greenhouse('9', { name: 'Reviewer pseudonym 7' }) }, ctx);
    expect(await db.prospects.get(id!)).toMatchObject({ name: 'Grace Hopper', emails: ['grace@navy.example'] });
  });
});

describe('prospect.merge', () => {
  it('shows both people’s feeds, notes and pipeline under the one who stays, with a merged entry', async () => {
    const ctx = member('recruiter');
    const ada = await person('ada-lovelace', ctx);
    const dup = await person('ada-dup', ctx);
    await mutate(db, noteAdd, { prospectId: ada, body: 'on LinkedIn', at: 1 }, ctx);
    await mutate(db, noteAdd, { prospectId: dup, body: 'in Greenhouse', at: 2 }, ctx);
    await mutate(db, activityLog, { prospectId: dup, kind: 'outreach', data: { channel: 'email' }, at: 3 }, ctx);
    await arrived(db, 'pipeline', { id: ulid(), teamId: 'local', version: 1, deletedAt: null, prospectId: dup, requisitionId: ulid(), stage: 'Screen', status: 'active', reason: null, declinedOffer: null, updatedAt: 3 });
    await mutate(db, prospectMerge, { intoId: ada, fromId: dup, at: 10 }, ctx);

    expect((await notesFor(db, ada, ctx.me.memberId)).map((n) => n.body)).toEqual(['in Greenhouse', 'on LinkedIn']);
    const feed = await activitiesFor(db, ada);
    expect(feed.map((a) => a.kind)).toEqual(['merged', 'outreach']);
    expect(feed[0]).toMatchObject({ data: { fromId: dup, fromName: 'ada dup' } });
    expect((await pipelineFor(db, ada)).map((e) => e.stage)).toEqual(['Screen']);
    expect((await resolvePerson(db, dup))?.id).toBe(ada);
    // Follow-ups, trays and requests keep the id they were made with, and show the one who stays.
    expect((await resolvePeople(db, [dup, ulid()])).map((p) => p?.name)).toEqual(['ada lovelace', undefined]);
    expect((await findProspectByKey(db, 'linkedin:ada-dup'))?.id).toBe(ada);
    expect(await db.aliases.get(dup)).toMatchObject({ prospectId: ada });
    expect((await db.prospects.get(dup))?.deletedAt).toBe(10);
  });

  it('keeps who stored the person first, with the earlier createdAt (the Article 14 clock runs from then)', async () => {
    const first = member('sourcer', 'Sam');
    const { result: dup } = await mutate(db, prospectUpsert, { identity: identity('ada-dup'), at: 1 }, first);
    const ada = await person('ada-lovelace', member('recruiter'));
    await mutate(db, prospectMerge, { intoId: ada, fromId: dup!, at: 10 }, member('recruiter'));
    expect(await db.prospects.get(ada)).toMatchObject({ createdAt: 1, createdBy: first.me.memberId });
  });

  it('shows one pipeline entry per requisition after merging two people in it, and the next move carries the merged-away one over', async () => {
    const ctx = member('recruiter');
    const hm = member('hiring_manager', 'Hana');
    await signInAs(db, hm);
    await signInAs(db, ctx);
    const ada = await person('ada-lovelace', ctx);
    const dup = await person('ada-dup', ctx);
    const requisitionId = ulid();
    await mutate(db, requisitionSave, { id: requisitionId, title: 'Staff Engineer', hiringManagerId: hm.me.memberId, stages: ['Sourced', 'Screen', 'Onsite'] }, ctx);
    const other = ulid();
    await mutate(db, requisitionSave, { id: other, title: 'Data Engineer', hiringManagerId: hm.me.memberId, stages: ['Sourced', 'Screen'] }, ctx);
    await mutate(db, pipelineMove, { prospectId: ada, requisitionId, stage: 'Sourced', at: 1 }, ctx);
    await mutate(db, pipelineMove, { prospectId: dup, requisitionId, stage: 'Screen', at: 2 }, ctx);
    await mutate(db, pipelineMove, { prospectId: dup, requisitionId: other, stage: 'Sourced', at: 3 }, ctx);
    await mutate(db, prospectMerge, { intoId: ada, fromId: dup, at: 10 }, ctx);
    // Both were in the first requisition: the person's own entry is the one shown.
    expect((await pipelineFor(db, ada)).filter((e) => e.requisitionId === requisitionId).map((e) => [e.prospectId, e.stage])).toEqual([[ada, 'Sourced']]);

    // Only the merged-away one was in the second: it shows, and moving it carries it over.
    const [shown] = (await pipelineFor(db, ada)).filter((e) => e.requisitionId === other);
    expect(shown).toMatchObject({ prospectId: dup, stage: 'Sourced' });
    await mutate(db, pipelineMove, { prospectId: shown!.prospectId, requisitionId: other, stage: 'Screen', at: 11 }, ctx);
    expect((await pipelineFor(db, ada)).filter((e) => e.requisitionId === other).map((e) => [e.prospectId, e.stage])).toEqual([[ada, 'Screen']]);
    expect((await db.pipeline.get(pipelineEntryId(dup, other)))?.deletedAt).toBe(11);
    const moves = (await activitiesFor(db, ada)).filter((a) => a.kind === 'stage_changed' && a.requisitionId === other);
    expect(moves[0]).toMatchObject({ prospectId: ada, data: { from: 'Sourced', to: 'Screen' } });
  });

  it('keeps the stricter do-not-contact and joins profiles and emails', async () => {
    const ctx = member('admin');
    const ada = await person('ada-lovelace', ctx);
    const dup = await person('ada-dup', ctx);
    await mutate(db, prospectAttachProfile, { prospectId: dup, identity: greenhouse('1', { emails: ['ada@engines.example'] }) }, ctx);
    await mutate(db, prospectSetDoNotContact, { prospectId: dup, reason: 'Asked us to stop' }, ctx);
    await mutate(db, prospectMerge, { intoId: ada, fromId: dup }, ctx);
    const kept = await db.prospects.get(ada);
    expect(kept?.doNotContact?.reason).toBe('Asked us to stop');
    expect(kept?.profiles.map((p) => p.key)).toEqual(['linkedin:ada-lovelace', 'linkedin:ada-dup', 'greenhouse:1']);
    expect(kept?.emails).toEqual(['ada@engines.example']);
  });

  it('follows merges in a chain, and a merge of people already one changes nothing', async () => {
    const ctx = member('recruiter');
    const [a, b, c] = [await person('a-a', ctx), await person('b-b', ctx), await person('c-c', ctx)];
    await mutate(db, noteAdd, { prospectId: a, body: 'on a' }, ctx);
    await mutate(db, prospectMerge, { intoId: b, fromId: a }, ctx);
    await mutate(db, prospectMerge, { intoId: c, fromId: b }, ctx);
    expect((await mutate(db, prospectMerge, { intoId: a, fromId: c }, ctx)).mutationId).toBeNull();
    await mutate(db, noteAdd, { prospectId: a, body: 'written to the oldest id' }, ctx);
    expect((await notesFor(db, c, ctx.me.memberId)).map((n) => n.body).sort()).toEqual(['on a', 'written to the oldest id']);
    expect((await activitiesFor(db, c)).filter((x) => x.kind === 'merged')).toHaveLength(2);
  });

  it('lets the reviewer decide on a person merged after the review was sent, counted on the request', async () => {
    const recruiter = member('recruiter');
    const hm = member('hiring_manager', 'Hana');
    await arrived(db, 'members', { id: hm.me.memberId, teamId: 'local', version: 1, deletedAt: null, name: 'Hana', email: 'hana@example.com', role: 'hiring_manager' });
    const ada = await person('ada-lovelace', recruiter);
    const dup = await person('ada-dup', recruiter);
    const { result: requisitionId } = await mutate(db, requisitionSave, { title: 'Engineer', hiringManagerId: hm.me.memberId, mustHaves: ['Go'], stages: ['Screen'] }, recruiter);
    const { result: requestId } = await mutate(db, reviewRequest, { requisitionId: requisitionId!, reviewerId: hm.me.memberId, prospectIds: [dup], activityIds: [ulid()] }, recruiter);
    await mutate(db, prospectMerge, { intoId: ada, fromId: dup }, recruiter);
    expect((await requestsForProspect(db, ada)).map((r) => r.id)).toEqual([requestId]);
    await mutate(db, reviewDecide, { requestId: requestId!, prospectId: ada, verdict: 'approve' }, hm);
    expect(await db.reviewDecisions.where('requestId').equals(requestId!).toArray()).toEqual([expect.objectContaining({ prospectId: dup })]);
    expect((await db.reviewRequests.get(requestId!))?.status).toBe('completed');
  });

  it('is refused to sourcers and hiring managers, and for a person merged with themselves', async () => {
    const ada = await person('ada-lovelace');
    const dup = await person('ada-dup');
    await expect(mutate(db, prospectMerge, { intoId: ada, fromId: dup }, member('sourcer'))).rejects.toThrow('only recruiters and admins can merge people');
    await expect(mutate(db, prospectMerge, { intoId: ada, fromId: ada }, member())).rejects.toThrow('a person cannot be merged with themselves');
  });
});

describe('details across profiles', () => {
  it('lets only the first profile’s page refresh the person; another profile’s page fills gaps', async () => {
    const ctx = member('recruiter');
    const ada = await person('ada-lovelace', ctx);
    const dup = await person('ada-dup', ctx);
    await mutate(db, prospectMerge, { intoId: ada, fromId: dup }, ctx);
    await mutate(db, prospectUpsert, { identity: identity('ada-dup', { name: 'Ada Byron', headline: 'Translator' }) }, ctx);
    expect(await db.prospects.get(ada)).toMatchObject({ name: 'ada lovelace', headline: 'Analyst at Analytical Engines' });
    await mutate(db, prospectUpsert, { identity: identity('ada-lovelace', { name: 'Ada King', headline: 'Countess' }) }, ctx);
    expect(await db.prospects.get(ada)).toMatchObject({ name: 'Ada King', headline: 'Countess' });
  });
});
