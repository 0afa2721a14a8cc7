import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ProspectIdentity } from '@/lib/model/identity';
import { adapterFor } from '@/lib/sites';
import { isSiteProfileUrl } from '@/lib/sites/hosts';
import { linkedinAdapter } from '@/lib/sites/linkedin';
import { LINKEDIN_HOST_ADAPTERS } from '@/lib/sites/linkedin-host-adapters';
import { linkedinRecruiterAdapter, parseRecruiterPath } from '@/lib/sites/linkedin-recruiter';
import { profileAdapterFor } from '@/lib/sites/profile-adapter';
import { inertParser } from '../../support/inert-dom';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = path.resolve(REPO_ROOT, 'tests/fixtures/ats/linkedin-recruiter');

interface ExpectedEntry {
  url: string;
  identity: ProspectIdentity | null;
}
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, ExpectedEntry>;
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file), 'utf8');

const inert = inertParser('https://www.linkedin.com/');
afterAll(() => inert.close());
const parse = inert.parse;

function identify(html: string, url: string): ProspectIdentity | null {
  return linkedinRecruiterAdapter.identify(parse(html), new URL(url));
}

const ID = 'AEMAAAB1xYzQ2rEcruiTer0nE';
const card = (inner: string) => `<section data-test-profile-container><div data-test-topcard-condensed-lockup>${inner}</div></section>`;

describe('hand-made pages (tests/fixtures/ats/linkedin-recruiter)', () => {
  it('covers every HTML file in the folder, at least five', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.entries(expected))('%s', (file, entry) => {
    const identity = identify(fixture(file), entry.url);
    expect(identity).toEqual(entry.identity);
    if (identity !== null) {
      expect(ProspectIdentity.safeParse(identity).error).toBeUndefined();
      expect(isSiteProfileUrl('linkedin-recruiter', identity.url)).toBe(true);
    }
  });

  it('runs nothing from a hostile page and keeps its markup as text', () => {
    const doc = parse(fixture('hostile-name.html'));
    const identity = linkedinRecruiterAdapter.identify(doc, new URL(expected['hostile-name.html']!.url));
    expect(identity?.name).toBe('<img src=x onerror=alert(1)>Marta Kowalska');
    expect(doc.documentElement.getAttributeNames().filter((name) => name.startsWith('data-pwned'))).toEqual([]);
    expect(identity?.sameAs).toBeUndefined();
    expect(identity?.emails).toBeUndefined();
  });

  it('never takes the recruiter’s own /in/ link from the navigation bar, nor a similar profile’s name', () => {
    const identity = identify(fixture('profile-rendered.html'), expected['profile-rendered.html']!.url);
    expect(identity?.sameAs?.map((ref) => ref.key)).toEqual(['linkedin:priya-raman-data']);
    expect(identity?.name).toBe('Priya Raman');
  });

  it('reads the drawer’s person, not the search rows beneath it, and nobody from the list at the list’s URL', () => {
    const html = fixture('drawer-over-search.html');
    expect(identify(html, expected['drawer-over-search.html']!.url)?.name).toBe('Chiara Bassi');
    expect(identify(html, 'https://www.linkedin.com/talent/hire/7012345/discover/recruiterSearch?searchContextId=abc-123')).toBeNull();
  });

  it('gives the stand-in, never the previous person, while the drawer still shows them', () => {
    const identity = identify(fixture('drawer-stale.html'), expected['drawer-stale.html']!.url);
    expect(identity?.nameIsStandIn).toBe(true);
    expect(JSON.stringify(identity)).not.toMatch(/Chiara|chiara/);
  });
});

describe('a 2 MB page', () => {
  it('reads the drawer over 2 MB of search rows correctly, again and again', () => {
    const html = fixture('drawer-over-search.html');
    const row = (i: number) =>
      `<li><article data-test-row><a data-test-link-to-profile-link href="/talent/profile/AEMAAAZ${String(i).padStart(8, '0')}"><span data-test-row-lockup-full-name>Row ${i}</span></a><div data-test-row-lockup-headline>Engineer</div><a href="mailto:row${i}@example.com">mail</a><a href="https://www.linkedin.com/in/row-${i}/">in</a></article></li>\n`;
    const rows = Array.from({ length: Math.ceil(2_000_000 / row(0).length) }, (_, i) => row(i)).join('');
    const big = html.replace('<ol class="search-results">', `<ol class="search-results">${rows}`);
    expect(big.length).toBeGreaterThanOrEqual(2_000_000);
    const doc = parse(big);
    const url = new URL(expected['drawer-over-search.html']!.url);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      expect(linkedinRecruiterAdapter.identify(doc, url)).toEqual(expected['drawer-over-search.html']!.identity);
      times.push(performance.now() - started);
    }
    const [first, ...rest] = times;
    rest.sort((a, b) => a - b);
    // happy-dom's first query of a fresh document walks it all; the browser's selector engine does not.
    console.info(`Recruiter identify on a ${(big.length / 1e6).toFixed(1)} MB page (happy-dom): first ${first!.toFixed(1)} ms, then median ${rest[9]!.toFixed(2)} ms`);
  }, 30_000);
});

describe('identity from the URL alone', () => {
  it('identifies the person with a stand-in name when no selector matches (a new layout)', () => {
    const html = '<main class="x1a2b"><h1 class="y3c4d">Priya Raman</h1><a href="mailto:p@example.org">mail</a></main>';
    expect(identify(html, `https://www.linkedin.com/talent/profile/${ID}`)).toEqual({
      site: 'linkedin-recruiter',
      key: `linkedin-recruiter:${ID}`,
      url: `https://www.linkedin.com/talent/profile/${ID}`,
      name: 'Candidate …Ter0nE on LinkedIn Recruiter',
      nameIsStandIn: true,
      headline: null,
      company: null,
      location: null,
    });
  });

  it('keeps a stand-in when the top card has rendered everything but the name', () => {
    const identity = identify(card('<span data-test-row-lockup-full-name> \u200B </span><div data-test-row-lockup-headline>SRE</div>'), `https://www.linkedin.com/talent/profile/${ID}`);
    expect(identity).toMatchObject({ nameIsStandIn: true, headline: 'SRE' });
  });

  it('trusts no public link when the hooks name two different people', () => {
    const html = card('<span data-test-row-lockup-full-name>Ann</span>').replace(
      '</section>',
      '<a data-test-personal-info-profile-link href="https://www.linkedin.com/in/ann-a/">a</a><a data-test-personal-info-profile-link href="https://www.linkedin.com/in/ann-b/">b</a></section>',
    );
    expect(identify(html, `https://www.linkedin.com/talent/profile/${ID}`)?.sameAs).toBeUndefined();
  });

  it('reads an address shown as text and one inside the hook’s link, once each', () => {
    const html = card('<span data-test-row-lockup-full-name>Ann</span>').replace(
      '</section>',
      '<span data-test-contact-email-address> Ann@Example.org </span><div data-test-contact-email-address><a href="mailto:ann@example.org">x</a><a href="mailto:ann.work@example.com">y</a></div></section>',
    );
    expect(identify(html, `https://www.linkedin.com/talent/profile/${ID}`)?.emails).toEqual(['ann@example.org', 'ann.work@example.com']);
  });
});

describe('Recruiter URLs', () => {
  it.each([
    [`https://www.linkedin.com/talent/profile/${ID}`, ID],
    [`https://www.linkedin.com/talent/profile/${ID}/`, ID],
    [`https://www.linkedin.com/talent/hire/7012345/manage/all/profile/${ID}?project=7012345`, ID],
    [`https://www.linkedin.com/talent/hire/7012345/discover/recruiterSearch/profile/${ID}?searchContextId=a-b&start=25`, ID],
    [`https://www.linkedin.com/talent/hire/7012345/discover/applicants/profile/${ID}`, ID],
    [`https://www.linkedin.com/talent/hire/7012345/discover/automatedSourcing/review/profile/${ID}`, ID],
    [`https://www.linkedin.com/talent/profile/${ID}/messages`, ID],
    [`https://www.linkedin.com/talent/hire/7012345/manage/all/profile/${ID}/inmail#compose`, ID],
    ['https://www.linkedin.com/recruiter/profile/123456789,Ab3_x-Y,CAP', '123456789'],
    ['https://www.linkedin.com/recruiter/profile/123456789%2CAb3_x-Y%2CCAP?pid=1', '123456789'],
  ])('%s is profile %s', (url, id) => {
    const parsed = parseRecruiterPath(new URL(url));
    expect(parsed?.id).toBe(id);
    expect(isSiteProfileUrl('linkedin-recruiter', parsed!.url)).toBe(true);
    expect(adapterFor(new URL(url))).toBe(linkedinRecruiterAdapter);
  });

  it('keeps the case of opaque ids and stores the legacy link that opens the profile', () => {
    expect(parseRecruiterPath(new URL('https://www.linkedin.com/talent/profile/AEMAAAbCd1'))).toEqual({ id: 'AEMAAAbCd1', url: 'https://www.linkedin.com/talent/profile/AEMAAAbCd1' });
    expect(parseRecruiterPath(new URL('https://www.linkedin.com/recruiter/profile/42,tok,CAP'))?.url).toBe('https://www.linkedin.com/recruiter/profile/42,tok,CAP');
  });

  it.each([
    'https://www.linkedin.com/talent/home',
    'https://www.linkedin.com/talent/hire/7012345/manage/all',
    'https://www.linkedin.com/talent/hire/7012345/discover/recruiterSearch?searchContextId=a-b',
    'https://www.linkedin.com/talent/projects',
    'https://www.linkedin.com/talent/profile/',
    `https://www.linkedin.com/talent/profile/${ID}/settings`,
    `https://www.linkedin.com/talent/profile/${ID}/messages/thread-1`,
    'https://www.linkedin.com/talent/profile/%3Cscript%3E',
    'https://www.linkedin.com/recruiter/profile/abc,tok,CAP',
    'https://www.linkedin.com/recruiter/profile/123,tok',
    `https://www.linkedin.com.evil.example/talent/profile/${ID}`,
    `https://www.linkedin.com:8443/talent/profile/${ID}`,
    `ftp://www.linkedin.com/talent/profile/${ID}`,
    'https://www.linkedin.com/in/ann-example/',
  ])('%s shows no Recruiter profile', (url) => {
    expect(parseRecruiterPath(new URL(url))).toBeNull();
    expect(linkedinRecruiterAdapter.identify(parse('<main></main>'), new URL(url))).toBeNull();
  });

  it('leaves /in/ pages and the feed to the LinkedIn adapter', () => {
    expect(adapterFor(new URL('https://www.linkedin.com/in/ann-example/'))).toBe(linkedinAdapter);
    expect(adapterFor(new URL('https://www.linkedin.com/feed/'))).toBe(linkedinAdapter);
    expect(linkedinRecruiterAdapter.isProfileUrl(new URL('https://www.linkedin.com/in/ann-example/'))).toBe(false);
  });

  it('LinkedIn’s content script picks what lib/sites picks on LinkedIn’s hosts, and nothing on a page of no one', () => {
    for (const url of [`https://www.linkedin.com/talent/profile/${ID}/inmail`, 'https://www.linkedin.com/recruiter/profile/1,t,CAP', 'https://de.linkedin.com/in/ann-example', 'https://www.linkedin.com/in/ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w/']) {
      expect(profileAdapterFor(LINKEDIN_HOST_ADAPTERS, new URL(url)), url).toBe(adapterFor(new URL(url)));
    }
    for (const url of ['https://www.linkedin.com/feed/', 'https://www.linkedin.com/talent/home', 'https://www.linkedin.com/company/acme/']) {
      expect(profileAdapterFor(LINKEDIN_HOST_ADAPTERS, new URL(url)), url).toBeNull();
    }
  });

  it('never throws on a document that throws', () => {
    const hostile = {
      querySelector: () => {
        throw new Error('boom');
      },
    } as unknown as Document;
    expect(linkedinRecruiterAdapter.identify(hostile, new URL(`https://www.linkedin.com/talent/profile/${ID}`))).toBeNull();
  });
});
