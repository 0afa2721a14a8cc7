import { describe, expect, it } from 'vitest';
import { PeopleIndex, companyKey, matchIdentity, nameKey, nameTokens, type PersonRecord } from '@/lib/identity';
import type { ProspectIdentity } from '@/lib/model';

const ada: PersonRecord = { id: 'ada', name: 'Ada Lovelace', company: 'Analytical Engines Ltd', emails: ['ada@engines.example'], profiles: [{ site: 'linkedin', key: 'linkedin:ada-lovelace' }] };
const ada2: PersonRecord = { id: 'ada2', name: 'Ada Lovelace', company: 'Byron & Co', emails: [], profiles: [{ site: 'linkedin', key: 'linkedin:ada-l-2' }] };
const grace: PersonRecord = { id: 'grace', name: 'Grace Hopper', company: 'Navy', emails: ['grace@navy.example', 'shared@gmail.com'], profiles: [{ site: 'greenhouse', key: 'greenhouse:77' }] };
const grace2: PersonRecord = { id: 'grace2', name: 'G. Hopper', company: null, emails: ['shared@gmail.com'], profiles: [] };
const team = [ada, ada2, grace, grace2];

function page(over: Partial<ProspectIdentity> = {}): ProspectIdentity {
  return { site: 'greenhouse', key: 'greenhouse:4521', url: 'https://app.greenhouse.io/people/4521', name: 'Ada Lovelace', headline: null, company: null, location: null, ...over };
}
const linkedIn = (slug: string) => ({ site: 'linkedin' as const, key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/` });

describe('matchIdentity', () => {
  it.each<[string, Partial<ProspectIdentity>, { knownId?: string; join?: { personId: string; via: string } | null; suggested?: string[] }]>([
    ['its own key is already a person: known, nothing to join', { site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }, { knownId: 'ada', join: null, suggested: [] }],
    ['joins on the LinkedIn link (sameAs)', { sameAs: [linkedIn('ada-lovelace')] }, { join: { personId: 'ada', via: 'linked-profile' } }],
    ['joins on an email one person has, whatever its case', { name: 'Candidate 4521 on Greenhouse', nameIsStandIn: true, emails: ['ADA@engines.example'] }, { join: { personId: 'ada', via: 'same-email' } }],
    ['a name alone never joins or suggests', { name: 'Ada Lovelace' }, { join: null, suggested: [] }],
    ['an email two people have: no join, both suggested', { name: 'Grace Hopper', emails: ['shared@gmail.com'], site: 'lever', key: 'lever:abc', url: 'https://hire.lever.co/candidates/abc' }, { join: null, suggested: ['grace', 'grace2'] }],
    ['a link and an email naming two people: no join, both suggested', { sameAs: [linkedIn('ada-l-2')], emails: ['ada@engines.example'] }, { join: null, suggested: ['ada', 'ada2'] }],
    ['name plus company suggests (suffixes and case aside)', { company: 'ANALYTICAL ENGINES, LTD.' }, { join: null, suggested: ['ada'] }],
    ['name plus a company mail domain suggests', { name: 'Lovelace, Ada', emails: ['a.lovelace@engines.example'] }, { join: null, suggested: ['ada'] }],
    ['a shared mail provider is no evidence', { name: 'Ada Lovelace', emails: ['someone@gmail.com'] }, { join: null, suggested: [] }],
    ['a stand-in name is never compared', { name: 'Ada Lovelace', nameIsStandIn: true, company: 'Analytical Engines' }, { join: null, suggested: [] }],
    ['never someone with another profile on the same site: two Greenhouse ids are two people', { name: 'Grace Hopper', company: 'Navy', emails: ['grace@navy.example'] }, { join: null, suggested: [] }],
  ])('%s', (_title, over, expected) => {
    const result = matchIdentity(page(over), team);
    if (expected.knownId !== undefined) expect(result.knownId).toBe(expected.knownId);
    if (expected.join !== undefined) expect(result.join).toEqual(expected.join);
    if (expected.suggested !== undefined) expect(result.suggestions.map((s) => s.personId).sort()).toEqual(expected.suggested);
  });

  it('ranks the person with more evidence first and says why', () => {
    const result = matchIdentity(page({ sameAs: [linkedIn('ada-l-2')], emails: ['ada@engines.example'], company: 'Analytical Engines' }), team);
    expect(result.suggestions[0]).toMatchObject({ personId: 'ada', reasons: ['same-email', 'name-and-company', 'name-and-email-domain'] });
    expect(result.suggestions[1]).toMatchObject({ personId: 'ada2', reasons: ['linked-profile'] });
  });
});

describe('PeopleIndex', () => {
  it('finds the same candidates as scanning everyone', () => {
    const index = new PeopleIndex(team);
    for (const over of [{ sameAs: [linkedIn('ada-lovelace')] }, { company: 'Analytical Engines' }, { name: 'Grace Hopper', emails: ['shared@gmail.com'], site: 'lever' as const, key: 'lever:x', url: 'https://hire.lever.co/candidates/x' }]) {
      expect(index.match(page(over))).toEqual(matchIdentity(page(over), team));
    }
  });

  it('looks names up whole, so one common word does not make a candidate', () => {
    const index = new PeopleIndex(team);
    expect(index.candidates({ keys: [], emails: [], nameKey: nameKey('Lovelace, Ada') }).map((p) => p.id).sort()).toEqual(['ada', 'ada2']);
    expect(index.candidates({ keys: [], emails: [], nameKey: nameKey('Ada Hopper') })).toEqual([]);
    expect(nameKey('Ada')).toBeNull();
  });
});

describe('normalising', () => {
  it('folds accents, case and punctuation', () => {
    expect(nameTokens('José  Núñez-García')).toEqual(['jose', 'nunez', 'garcia']);
    expect(companyKey('The Acme Company, Inc.')).toBe('acme');
    expect(companyKey('Inc.')).toBeNull();
  });
});
