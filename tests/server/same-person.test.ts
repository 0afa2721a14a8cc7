import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Activity, Alias, Prospect } from '@/lib/model';
import { DATABASE_KINDS } from './support/databases';
import { as, docsOf, identity, teamWith } from './support/server';
import { serverFor } from './support/suite';

const greenhouse = (id: string) => ({ site: 'greenhouse', key: `greenhouse:${id}`, url: `https://app.greenhouse.io/people/${id}`, name: `Candidate ${id} on Greenhouse`, nameIsStandIn: true, headline: null, company: null, location: null, emails: [`c${id}@engines.example`] });

describe.each(DATABASE_KINDS)('one person across sites on %s', (kind) => {
  const server = serverFor(kind);

  async function team() {
    const { members } = await teamWith(server.db, ['recruiter', 'sourcer', 'hiring_manager']);
    const [recruiter, sourcer, hm] = members.map((m) => ({ ...m, api: as(server.app, m) }));
    const [ada, dup] = [ulid(), ulid()];
    const made = await sourcer!.api.push([
      { name: 'prospect.upsert', args: { id: ada, identity: identity('ada-lovelace'), at: 1 } },
      { name: 'prospect.upsert', args: { id: dup, identity: identity('ada-l-2', 'Ada L.'), at: 1 } },
    ]);
    expect(made.rejected).toEqual([]);
    return { recruiter: recruiter!, sourcer: sourcer!, hm: hm!, ada, dup };
  }

  it('attaches a Greenhouse profile and its emails; a second attach of it to someone else is refused', async () => {
    const { sourcer, hm, ada, dup } = await team();
    const first = await sourcer.api.push([{ name: 'prospect.attachProfile', args: { prospectId: ada, identity: greenhouse('4521'), at: 2 } }]);
    expect(first.rejected).toEqual([]);
    const second = await sourcer.api.push([{ name: 'prospect.attachProfile', args: { prospectId: dup, identity: greenhouse('4521'), at: 3 } }]);
    expect(second.rejected.map((r) => r.reason)).toEqual(['this Greenhouse profile already belongs to Ada Lovelace in the team; merge the two people instead']);
    const byHm = await hm.api.push([{ name: 'prospect.attachProfile', args: { prospectId: dup, identity: greenhouse('99'), at: 3 } }]);
    expect(byHm.rejected.map((r) => r.reason)).toEqual(['hiring managers cannot add profiles to people; ask a recruiter or sourcer']);
    const adaNow = docsOf<Prospect>(await sourcer.api.pullAll(), 'prospect').find((p) => p.id === ada);
    expect(adaNow).toMatchObject({ name: 'Ada Lovelace', emails: ['c4521@engines.example'] });
    expect(adaNow?.profiles.map((p) => p.key)).toEqual(['linkedin:ada-lovelace', 'greenhouse:4521']);
  });

  it('joins a page recorded on a device that had not yet pulled the person its LinkedIn link names; in either order, one person', async () => {
    const { recruiter, sourcer, hm, ada } = await team();
    const page = (id: string) => ({ ...greenhouse(id), name: 'Ada Lovelace', nameIsStandIn: false, sameAs: [{ site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }] });
    // The recruiter's device did not know Ada yet: it made a person of its own for the page.
    const offline = ulid();
    expect((await recruiter.api.push([{ name: 'prospect.upsert', args: { id: offline, identity: page('4521'), at: 2 } }])).rejected).toEqual([]);
    const people = docsOf<Prospect>(await recruiter.api.pullAll(), 'prospect');
    expect(people.filter((p) => p.deletedAt === null && p.name === 'Ada Lovelace').map((p) => [p.id, p.profiles.map((r) => r.key)])).toEqual([[ada, ['linkedin:ada-lovelace', 'greenhouse:4521']]]);
    expect(docsOf<Alias>(await recruiter.api.pullAll(), 'alias').find((a) => a.id === offline)).toMatchObject({ prospectId: ada });

    // The other order: the page first (with its link), the LinkedIn profile later finds that person.
    const grace = ulid();
    const gracePage = { ...greenhouse('7007'), name: 'Grace Hopper', nameIsStandIn: false, sameAs: [{ site: 'linkedin', key: 'linkedin:grace-hopper', url: 'https://www.linkedin.com/in/grace-hopper/' }] };
    await recruiter.api.push([{ name: 'prospect.upsert', args: { id: grace, identity: gracePage, at: 3 } }]);
    const later = ulid();
    await sourcer.api.push([{ name: 'prospect.upsert', args: { id: later, identity: identity('grace-hopper', 'Grace Hopper'), at: 4 } }]);
    const graces = docsOf<Prospect>(await sourcer.api.pullAll(), 'prospect').filter((p) => p.deletedAt === null && p.name === 'Grace Hopper');
    expect(graces.map((p) => [p.id, p.profiles.map((r) => r.key)])).toEqual([[grace, ['greenhouse:7007', 'linkedin:grace-hopper']]]);

    // A hiring manager may not attach pages: theirs stays a record of its own.
    const byHm = ulid();
    await hm.api.push([{ name: 'prospect.upsert', args: { id: byHm, identity: page('4600'), at: 5 } }]);
    expect(docsOf<Prospect>(await hm.api.pullAll(), 'prospect').find((p) => p.id === byHm)?.profiles.map((r) => r.key)).toEqual(['greenhouse:4600']);
  });

  it('merges: the alias, the tombstone, the merged entry; a page of the merged-away person later finds the one who stays', async () => {
    const { recruiter, sourcer, ada, dup } = await team();
    const merged = await recruiter.api.push([{ name: 'prospect.merge', args: { intoId: ada, fromId: dup, activityId: ulid(), at: 5 } }]);
    expect(merged.rejected).toEqual([]);
    // A device that never heard of the merge records the merged-away LinkedIn page under a fresh id.
    const lateId = ulid();
    const late = await sourcer.api.push([{ name: 'prospect.upsert', args: { id: lateId, identity: identity('ada-l-2', 'Ada L.'), at: 6 } }]);
    expect(late.rejected).toEqual([]);
    const rows = await sourcer.api.pullAll();
    const live = docsOf<Prospect>(rows, 'prospect').filter((p) => p.deletedAt === null);
    expect(live.map((p) => p.id)).toEqual([ada]);
    expect(docsOf<Alias>(rows, 'alias').map((a) => [a.id, a.prospectId]).sort()).toEqual([[dup, ada], [lateId, ada]].sort());
    expect(docsOf<Activity>(rows, 'activity').map((a) => [a.kind, a.prospectId])).toEqual([['merged', ada]]);
  });

  it('two recruiters merging the same people either way round offline end with one person', async () => {
    const { recruiter, sourcer, ada, dup } = await team();
    const one = await recruiter.api.push([{ name: 'prospect.merge', args: { intoId: ada, fromId: dup, activityId: ulid(), at: 5 } }]);
    const other = await as(server.app, { ...recruiter, clientId: ulid() }).push([{ name: 'prospect.merge', args: { intoId: dup, fromId: ada, activityId: ulid(), at: 5 } }]);
    expect([...one.rejected, ...other.rejected]).toEqual([]);
    const rows = await sourcer.api.pullAll();
    expect(docsOf<Prospect>(rows, 'prospect').filter((p) => p.deletedAt === null).map((p) => p.id)).toEqual([ada]);
    expect(docsOf<Activity>(rows, 'activity')).toHaveLength(1);
  });
});
