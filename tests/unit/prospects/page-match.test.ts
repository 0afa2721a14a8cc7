import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { mutate } from '@/lib/db/mutate';
import { activitiesFor, findProspectByKey } from '@/lib/db/queries';
import type { ProspectIdentity } from '@/lib/model';
import { prospectUpsert } from '@/lib/mutations';
import { dismissSuggestion, matchPage, notSamePerson, searchPeople } from '@/lib/prospects/page-match';
import { recordVisit } from '@/lib/prospects/record-visit';
import { freshDb, identity, member, signInAs, wipe } from '../../support/db';

const db = freshDb();
afterEach(async () => {
  await wipe(db);
});

const greenhousePage = (patch: Partial<ProspectIdentity> = {}): ProspectIdentity => ({
  site: 'greenhouse',
  key: 'greenhouse:4521',
  url: 'https://app.greenhouse.io/people/4521',
  name: 'Candidate 4521 on Greenhouse',
  nameIsStandIn: true,
  headline: null,
  company: null,
  location: null,
  ...patch,
});

async function sourcerWithAda() {
  const ctx = member('sourcer', 'Sam');
  await signInAs(db, ctx);
  const { result } = await mutate(db, prospectUpsert, { identity: identity('ada-lovelace', { emails: ['ada@engines.example'] }) }, ctx);
  return { ctx, ada: result! };
}

describe('recordVisit on a page of someone the team has', () => {
  it('joins the Greenhouse page to the person its LinkedIn link names: one person, one feed', async () => {
    const { ada } = await sourcerWithAda();
    await recordVisit(db, greenhousePage({ sameAs: [{ site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }] }));
    expect(await db.prospects.count()).toBe(1);
    expect((await findProspectByKey(db, 'greenhouse:4521'))?.id).toBe(ada);
    expect((await db.prospects.get(ada))?.name).toBe('Ada Lovelace');
    expect((await activitiesFor(db, ada)).map((a) => a.kind)).toEqual(['viewed']);
  });

  it('joins on an email the person has', async () => {
    const { ada } = await sourcerWithAda();
    await recordVisit(db, greenhousePage({ emails: ['ADA@engines.example'] }));
    expect((await findProspectByKey(db, 'greenhouse:4521'))?.id).toBe(ada);
  });

  it('records nobody for a stand-in name that joins nobody, and the person once the name shows', async () => {
    await sourcerWithAda();
    await recordVisit(db, greenhousePage());
    expect(await findProspectByKey(db, 'greenhouse:4521')).toBeUndefined();
    await recordVisit(db, greenhousePage({ name: 'Grace Hopper', nameIsStandIn: false }));
    expect((await findProspectByKey(db, 'greenhouse:4521'))?.name).toBe('Grace Hopper');
    expect(await db.prospects.count()).toBe(2);
  });

  it('suggests on name plus company, never joins on it, and records the visit only once the suggestion is answered', async () => {
    const { ada } = await sourcerWithAda();
    const page = greenhousePage({ name: 'Ada Lovelace', nameIsStandIn: false, company: 'Analytical Engines Ltd' });
    expect(await matchPage(db, page)).toMatchObject({ join: null, suggestions: [{ personId: ada, reasons: ['name-and-company'] }] });
    await recordVisit(db, page);
    expect(await findProspectByKey(db, page.key)).toBeUndefined();
    await dismissSuggestion(db, page.key, ada);
    await recordVisit(db, page);
    expect((await findProspectByKey(db, page.key))?.id).not.toBe(ada);
  });
});

describe('the device’s answers and search', () => {
  it('remembers a No for that profile only', async () => {
    const [p1, p2] = [ulid(), ulid()];
    await dismissSuggestion(db, 'greenhouse:1', p1);
    await dismissSuggestion(db, 'greenhouse:1', p2);
    expect(await notSamePerson(db, 'greenhouse:1')).toEqual([p1, p2]);
    expect(await notSamePerson(db, 'greenhouse:2')).toEqual([]);
  });

  it('finds people by the start of any word of their name, in any order', async () => {
    const ctx = member();
    for (const [slug, name] of [['ada', 'Ada Lovelace'], ['grace', 'Grace Hopper'], ['adam', 'Adam Smith']] as const) {
      await mutate(db, prospectUpsert, { identity: identity(slug, { name }) }, ctx);
    }
    expect((await searchPeople(db, 'ad')).map((p) => p.name)).toEqual(['Ada Lovelace', 'Adam Smith']);
    expect((await searchPeople(db, 'love ada')).map((p) => p.name)).toEqual(['Ada Lovelace']);
    expect(await searchPeople(db, '  ')).toEqual([]);
  });
});
