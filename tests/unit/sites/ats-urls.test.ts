import { afterAll, describe, expect, it } from 'vitest';
import { adapterFor } from '@/lib/sites';
import { ashbyAdapter } from '@/lib/sites/ashby';
import { greenhouseAdapter } from '@/lib/sites/greenhouse';
import { isSiteProfileUrl } from '@/lib/sites/hosts';
import { leverAdapter } from '@/lib/sites/lever';
import type { SiteAdapter } from '@/lib/sites/types';
import { workableAdapter } from '@/lib/sites/workable';
import { inertParser } from '../../support/inert-dom';

/**
 * URL shapes per site: which URLs show one candidate, their key and the canonical URL stored
 * (identified on a page where nothing matches, so the URL alone decides). `null`: not a
 * candidate page, including look-alike hosts, http, ports and credentials.
 */
type Row = [url: string, key: string | null, canonical?: string];

const inert = inertParser();
afterAll(() => inert.close());
const blank = inert.parse('<!DOCTYPE html><html><head><title></title></head><body></body></html>');

function checkTable(adapter: SiteAdapter, rows: Row[]) {
  it.each(rows)('%s → %s', (url, key, canonical) => {
    const parsed = new URL(url);
    const identity = adapter.identify(blank, parsed);
    expect(adapter.isProfileUrl(parsed)).toBe(key !== null);
    expect(identity?.key ?? null).toBe(key);
    if (key === null) return;
    expect(identity?.url).toBe(canonical);
    expect(isSiteProfileUrl(adapter.site, identity!.url)).toBe(true);
    expect(identity?.nameIsStandIn).toBe(true);
    expect(adapterFor(parsed)).toBe(adapter);
  });
}

const GH = 'https://app.greenhouse.io/people/4521';
describe('Greenhouse URLs', () => {
  checkTable(greenhouseAdapter, [
    ['https://app.greenhouse.io/people/4521', 'greenhouse:4521', GH],
    ['https://app.greenhouse.io/people/4521?application_id=9001', 'greenhouse:4521', GH],
    ['https://app.greenhouse.io/people/4521?application_id=9001#activity_feed', 'greenhouse:4521', GH],
    ['https://app.greenhouse.io/people/4521/applications/9001', 'greenhouse:4521', GH],
    ['https://app.greenhouse.io/people/4521/applications/9001/redesign', 'greenhouse:4521', GH],
    ['https://app.greenhouse.io/guides/321/people/4521/interview?application_id=9001', 'greenhouse:4521', GH],
    ['https://app.greenhouse.io/people/4521?candidate_id=777', 'greenhouse:4521', GH],
    ['https://acme.greenhouse.io/applications/review/app_review?person_id=4521&application_id=9001', 'greenhouse:4521', 'https://acme.greenhouse.io/people/4521'],
    ['https://acme.greenhouse.io/applications/review/app_review?candidate_id=4521', 'greenhouse:4521', 'https://acme.greenhouse.io/people/4521'],
    ['https://app2.greenhouse.io/people/4521', 'greenhouse:4521', 'https://app2.greenhouse.io/people/4521'],
    ['https://app3.greenhouse.io/people/4521', 'greenhouse:4521', 'https://app3.greenhouse.io/people/4521'],
    ['https://app4.greenhouse.io/people/12345004?application_id=67890004', 'greenhouse:12345004', 'https://app4.greenhouse.io/people/12345004'],
    ['https://app5.greenhouse.io/people/4521', 'greenhouse:4521', 'https://app5.greenhouse.io/people/4521'],
    ['https://app.eu.greenhouse.io/people/4521', 'greenhouse:4521', 'https://app.eu.greenhouse.io/people/4521'],
    ['https://canonical.greenhouse.io/people/4521', 'greenhouse:4521', 'https://canonical.greenhouse.io/people/4521'],
    ['https://APP.Greenhouse.IO/people/4521', 'greenhouse:4521', GH],
    // Ids past 2^53 stay exactly as written (a number would round them).
    ['https://app4.greenhouse.io/people/90071992547409931004', 'greenhouse:90071992547409931004', 'https://app4.greenhouse.io/people/90071992547409931004'],
    ['https://app.greenhouse.io/people', null],
    ['https://app.greenhouse.io/people?sort_by=last_activity&stage_status_id=2', null],
    ['https://app.greenhouse.io/people?person_id=4521', null],
    ['https://app.greenhouse.io/people/new', null],
    ['https://app.greenhouse.io/people/4521abc', null],
    ['https://app.greenhouse.io/people/-4521', null],
    ['https://app.greenhouse.io/people/4521?person_id=', 'greenhouse:4521', GH],
    ['https://app.greenhouse.io/dashboard', null],
    ['https://app.greenhouse.io/plans/55/jobapp', null],
    ['https://app.greenhouse.io/dashboard?person_id=abc', null],
    ['https://boards.greenhouse.io/acme/jobs/123', null],
    ['https://greenhouse.io/people/4521', null],
    ['https://greenhouse.io.evil.com/people/4521', null],
    ['https://app.greenhouse.io.evil.com/people/4521', null],
    ['https://evilgreenhouse.io/people/4521', null],
    ['https://app.greenhouse.io@evil.com/people/4521', null],
    ['https://app.greenhouse.io./people/4521', null],
    ['http://app.greenhouse.io/people/4521', null],
    ['https://app.greenhouse.io:8443/people/4521', null],
    ['https://user:pass@app.greenhouse.io/people/4521', null],
  ]);
});

const U = '3f2b1c9e-8d7a-4b6c-9e5f-0a1b2c3d4e5f';
describe('Lever URLs', () => {
  checkTable(leverAdapter, [
    [`https://hire.lever.co/candidates/${U}`, `lever:${U}`, `https://hire.lever.co/candidates/${U}`],
    [`https://hire.lever.co/candidates/${U}/`, `lever:${U}`, `https://hire.lever.co/candidates/${U}`],
    [`https://hire.lever.co/candidates/${U.toUpperCase()}?lever-origin=applied#feed`, `lever:${U}`, `https://hire.lever.co/candidates/${U}`],
    [`https://hire.sandbox.lever.co/candidates/${U}`, `lever:${U}`, `https://hire.sandbox.lever.co/candidates/${U}`],
    [`https://HIRE.LEVER.CO/candidates/${U}`, `lever:${U}`, `https://hire.lever.co/candidates/${U}`],
    ['https://hire.lever.co/candidates', null],
    ['https://hire.lever.co/candidates?stage=lead-new&sort=updated', null],
    ['https://hire.lever.co/candidates/new', null],
    ['https://hire.lever.co/candidates/3f2b1c9e8d7a4b6c9e5f0a1b2c3d4e5f', null],
    [`https://hire.lever.co/interviews/${U}`, null],
    [`https://hire.lever.co/settings/candidates/${U}`, null],
    [`https://jobs.lever.co/acme/${U}`, null],
    [`https://evil.lever.co/candidates/${U}`, null],
    [`https://sandbox.lever.co/candidates/${U}`, null],
    [`https://hire.lever.co.evil.com/candidates/${U}`, null],
    [`https://hire.lever.co./candidates/${U}`, null],
    [`http://hire.lever.co/candidates/${U}`, null],
    [`https://hire.lever.co:444/candidates/${U}`, null],
    [`https://me@hire.lever.co/candidates/${U}`, null],
  ]);
});

const C = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ASHBY = `https://app.ashbyhq.com/candidates/${C}`;
describe('Ashby URLs', () => {
  checkTable(ashbyAdapter, [
    [ASHBY, `ashby:${C}`, ASHBY],
    [`${ASHBY}/feed`, `ashby:${C}`, ASHBY],
    [`https://app.ashbyhq.com/candidates/${C.toUpperCase()}?tab=emails`, `ashby:${C}`, ASHBY],
    [`https://app.ashbyhq.com/candidates/pipeline/application-review/right-side/candidates/${C}/applications/5f4e3d2c-1b0a-4987-8654-3210fedcba98/feed`, `ashby:${C}`, ASHBY],
    [`https://app.ashbyhq.com/candidates/0a1b2c3d-0000-4000-8000-000000000001/related/candidates/${C}`, `ashby:${C}`, ASHBY],
    ['https://app.ashbyhq.com/candidates', null],
    ['https://app.ashbyhq.com/candidates/pipeline/active', null],
    [`https://app.ashbyhq.com/candidates/pipeline/application-review/right-side/applications/${C}`, null],
    [`https://app.ashbyhq.com/jobs/${C}`, null],
    [`https://jobs.ashbyhq.com/acme/${C}`, null],
    [`https://evil.ashbyhq.com/candidates/${C}`, null],
    [`https://app.ashbyhq.com.evil.com/candidates/${C}`, null],
    [`http://app.ashbyhq.com/candidates/${C}`, null],
    [`https://app.ashbyhq.com:8080/candidates/${C}`, null],
    [`https://a:b@app.ashbyhq.com/candidates/${C}`, null],
  ]);
});

const WK = 'https://acme.workable.com/backend/candidates/370715911';
describe('Workable URLs', () => {
  checkTable(workableAdapter, [
    ['https://acme.workable.com/backend/jobs/4087255/browser/applied/candidate/370715911', 'workable:acme:370715911', WK],
    ['https://acme.workable.com/backend/jobs/4087255/browser/applied/candidate/370715911?tab=timeline', 'workable:acme:370715911', WK],
    ['https://acme.workable.com/backend/jobs/4087255/browser/applied/candidate/370715911#email', 'workable:acme:370715911', WK],
    ['https://acme.workable.com/backend/jobs/AB12CD34/candidates/370715911', 'workable:acme:370715911', WK],
    ['https://acme.workable.com/backend/candidates/370715911', 'workable:acme:370715911', WK],
    ['https://acme.workable.com/backend/candidates/370715911?tab=timeline#email', 'workable:acme:370715911', WK],
    ['https://ACME.workable.com/backend/candidates/370715911', 'workable:acme:370715911', WK],
    ['https://constructor-1.workable.com/backend/candidates/ce4da98', 'workable:constructor-1:ce4da98', 'https://constructor-1.workable.com/backend/candidates/ce4da98'],
    // A stage named like a route word does not confuse the id: the last candidate(s) segment wins.
    ['https://acme.workable.com/backend/jobs/4087255/browser/candidates/candidate/370715911', 'workable:acme:370715911', WK],
    ['https://acme.workable.com/backend/candidates', null],
    ['https://acme.workable.com/backend/candidates/new', null],
    ['https://acme.workable.com/backend/jobs/4087255/browser/applied', null],
    ['https://acme.workable.com/backend/jobs/4087255/candidates', null],
    ['https://acme.workable.com/backend/settings', null],
    ['https://acme.workable.com/candidates/370715911', null],
    ['https://apply.workable.com/acme/j/AB12CD34/', null],
    ['https://workable.com/backend/candidates/370715911', null],
    ['https://a.b.workable.com/backend/candidates/370715911', null],
    ['https://acme.workable.com.evil.com/backend/candidates/370715911', null],
    ['https://acme.workable.com./backend/candidates/370715911', null],
    ['http://acme.workable.com/backend/candidates/370715911', null],
    ['https://acme.workable.com:8443/backend/candidates/370715911', null],
    ['https://u:p@acme.workable.com/backend/candidates/370715911', null],
  ]);
});
