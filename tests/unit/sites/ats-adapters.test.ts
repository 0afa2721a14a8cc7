import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { adapterFor, adapters } from '@/lib/sites';
import { ashbyAdapter } from '@/lib/sites/ashby';
import { greenhouseAdapter } from '@/lib/sites/greenhouse';
import { ASHBY_PATTERNS, GREENHOUSE_PATTERNS, LEVER_PATTERNS, SUPPORTED_HOST_PATTERNS, WORKABLE_PATTERNS } from '@/lib/sites/hosts';
import { leverAdapter } from '@/lib/sites/lever';
import { linkedinAdapter } from '@/lib/sites/linkedin';
import { workableAdapter } from '@/lib/sites/workable';
import { inertParser } from '../../support/inert-dom';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ats');
const fixture = (site: string, file: string) => readFileSync(path.join(FIXTURES, site, file), 'utf8');

const inert = inertParser();
afterAll(() => inert.close());
const page = (body: string, title = '') => inert.parse(`<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`);

describe('Greenhouse', () => {
  const REVIEW = 'https://acme.greenhouse.io/applications/review/app_review?hiring_plan_id=77&job_id=55';

  it('counts the app-review page as a candidate page, but names nobody until its header link renders', () => {
    expect(greenhouseAdapter.isProfileUrl(new URL(REVIEW))).toBe(true);
    expect(greenhouseAdapter.identify(page(''), new URL(REVIEW))).toBeNull();
  });

  it("shows the URL's person, reading nothing, while the review header still names the previous person", () => {
    const identity = greenhouseAdapter.identify(inert.parse(fixture('greenhouse', 'app-review.html')), new URL(`${REVIEW}&person_id=4521`));
    expect(identity).toMatchObject({ key: 'greenhouse:4521', name: 'Candidate 4521 on Greenhouse', nameIsStandIn: true, emails: [], sameAs: [] });
  });

  it('ignores a review header link to a look-alike host', () => {
    const doc = page('<div data-provides="app-review"><header><a href="https://app.greenhouse.io.evil.com/people/666">Mallory</a></header></div>');
    expect(greenhouseAdapter.identify(doc, new URL(REVIEW))).toBeNull();
  });

  it("takes a candidate link's name only when it links to this person", () => {
    const links = '<a class="item__CandidateLink-sc-1 x" href="/people/4600">Ada King</a><a class="item__CandidateLink-sc-1 x" href="/people/4521?application_id=9001">Ada Lovelace</a>';
    expect(greenhouseAdapter.identify(page(links), new URL('https://app.greenhouse.io/people/4521'))?.name).toBe('Ada Lovelace');
    expect(greenhouseAdapter.identify(page(links), new URL('https://app.greenhouse.io/people/4700'))).toMatchObject({ name: 'Candidate 4700 on Greenhouse', nameIsStandIn: true });
  });
});

describe('Lever', () => {
  const URL_ = new URL('https://hire.lever.co/candidates/3f2b1c9e-8d7a-4b6c-9e5f-0a1b2c3d4e5f');

  it.each([
    ['Margaret Hamilton – Lever Hire', 'Margaret Hamilton'],
    ['Margaret Hamilton - Lever Hire', 'Margaret Hamilton'],
    ['Mary-Jane Doe – Lever Hire', 'Mary-Jane Doe'],
    ['Zoë – Smith – Lever Hire', 'Zoë – Smith'],
    ['  José  García   –  Lever Hire ', 'José García'],
    ['Lever Hire', null],
    [' – Lever Hire', null],
    ['Margaret Hamilton', null],
    ['Margaret Hamilton – Lever Hire (2)', null],
    ['Margaret Hamilton — Greenhouse', null],
    // The list's title, still there for a moment after a candidate is opened from it.
    ['Candidates – Lever Hire', null],
    ['Interviews – Lever Hire', null],
    ['Candice Candidates – Lever Hire', 'Candice Candidates'],
  ])('title %j → name %j', (title, name) => {
    const identity = leverAdapter.identify(page('', title), URL_);
    expect(identity?.name).toBe(name ?? 'Candidate …3d4e5f on Lever');
    expect(identity?.nameIsStandIn).toBe(name === null ? true : undefined);
  });

  it('links no LinkedIn profile when the page links two (the candidate and, say, a referrer)', () => {
    const doc = page('<a href="https://www.linkedin.com/in/margaret-hamilton/">in</a><a href="https://www.linkedin.com/in/referrer/">in</a>', 'Margaret Hamilton – Lever Hire');
    expect(leverAdapter.identify(doc, URL_)?.sameAs).toEqual([]);
  });
});

describe('Ashby', () => {
  const C = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
  const PROFILE = new URL(`https://app.ashbyhq.com/candidates/${C}`);
  const named = (text: string) => page(`<h1><a href="/candidates/${C}">${text}</a></h1>`);

  it.each(['Candidate 12', 'Anonymous Candidate', 'Anonymized', 'Applicant #7', 'candidate', 'Redacted', 'Hidden name'])('never takes the pseudonym %j as the name', (pseudonym) => {
    expect(ashbyAdapter.identify(named(pseudonym), PROFILE)).toMatchObject({ name: 'Candidate …f90ae7 on Ashby', nameIsStandIn: true });
  });

  it.each(['Candice Smith', 'Hideo Kojima', 'Anon Brown'])('takes a real name that merely starts like one: %j', (name) => {
    expect(ashbyAdapter.identify(named(name), PROFILE)?.name).toBe(name);
  });

  it('reads no name at all on the application-review route, even a real-looking one', () => {
    const review = new URL(`https://app.ashbyhq.com/candidates/pipeline/application-review/right-side/candidates/${C}/applications/5f4e3d2c-1b0a-4987-8654-3210fedcba98/feed`);
    expect(ashbyAdapter.identify(named('Alan Turing'), review)).toMatchObject({ name: 'Candidate …f90ae7 on Ashby', nameIsStandIn: true });
  });

  it("does not take a tab's text (a link to a sub-page of the candidate) or another candidate's name", () => {
    const doc = page(`<a href="/candidates/${C}/feed">Activity</a><a href="/candidates/0a1b2c3d-0000-4000-8000-000000000001">Joan Clarke</a>`);
    expect(ashbyAdapter.identify(doc, PROFILE)).toMatchObject({ nameIsStandIn: true });
  });
});

describe('Workable', () => {
  const CANDIDATE = new URL('https://acme.workable.com/backend/jobs/4087255/browser/applied/candidate/370715911');

  it('shows the stand-in while the list does not include the open candidate (the pane is still loading)', () => {
    expect(workableAdapter.identify(inert.parse(fixture('workable', 'list.html')), new URL('https://acme.workable.com/backend/jobs/4087255/browser/applied/candidate/370600001'))).toMatchObject({
      name: 'Candidate 370600001 on Workable',
      nameIsStandIn: true,
    });
  });

  it("does not take the name linked to the same id on another account", () => {
    const doc = page('<a href="https://other.workable.com/backend/candidates/370715911"><span data-ui="candidate-name">Mallory</span></a>');
    expect(workableAdapter.identify(doc, CANDIDATE)).toMatchObject({ nameIsStandIn: true });
  });

  it('takes an unlinked name hook only when there is exactly one', () => {
    const one = page('<h2 data-ui="candidate-name">Barbara Liskov</h2>');
    const two = page('<h2 data-ui="candidate-name">Barbara Liskov</h2><h2 data-ui="candidate-name">Someone Else</h2>');
    expect(workableAdapter.identify(one, CANDIDATE)?.name).toBe('Barbara Liskov');
    expect(workableAdapter.identify(two, CANDIDATE)).toMatchObject({ nameIsStandIn: true });
  });
});

describe('the adapter registry', () => {
  it('lists each ATS adapter once, after LinkedIn, with its own host patterns', () => {
    expect(adapters.slice(adapters.indexOf(linkedinAdapter))).toEqual([linkedinAdapter, greenhouseAdapter, leverAdapter, ashbyAdapter, workableAdapter]);
    expect(greenhouseAdapter.matches).toEqual(GREENHOUSE_PATTERNS);
    expect(leverAdapter.matches).toEqual(LEVER_PATTERNS);
    expect(ashbyAdapter.matches).toEqual(ASHBY_PATTERNS);
    expect(workableAdapter.matches).toEqual(WORKABLE_PATTERNS);
  });

  it('keeps the install-time permissions to LinkedIn only', () => {
    expect(SUPPORTED_HOST_PATTERNS).toEqual(['https://*.linkedin.com/*']);
  });

  it.each([
    ['https://app.greenhouse.io/dashboard', 'greenhouse'],
    ['https://boards.greenhouse.io/acme', 'greenhouse'],
    ['https://hire.lever.co/', 'lever'],
    ['https://hire.sandbox.lever.co/candidates', 'lever'],
    ['https://jobs.lever.co/acme', null],
    ['https://app.ashbyhq.com/', 'ashby'],
    ['https://jobs.ashbyhq.com/acme', null],
    ['https://acme.workable.com/backend', 'workable'],
    ['https://app.greenhouse.io.evil.com/people/1', null],
    ['http://app.greenhouse.io/people/1', null],
  ])('%s is read by %s', (url, site) => {
    expect(adapterFor(new URL(url))?.site ?? null).toBe(site);
  });
});
