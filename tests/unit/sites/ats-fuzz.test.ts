import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ProspectIdentity, type SiteId } from '@/lib/model/identity';
import { ashbyAdapter } from '@/lib/sites/ashby';
import { greenhouseAdapter } from '@/lib/sites/greenhouse';
import { isSiteProfileUrl } from '@/lib/sites/hosts';
import { leverAdapter } from '@/lib/sites/lever';
import type { SiteAdapter } from '@/lib/sites/types';
import { workableAdapter } from '@/lib/sites/workable';
import { inertParser } from '../../support/inert-dom';

/**
 * Whatever the URL and whatever text the page puts where the name goes, an adapter returns null
 * or an identity the schema accepts, keyed for its own site, at an address on its own hosts.
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ats');
const inert = inertParser();
afterAll(() => inert.close());

const HOSTS: Record<string, string[]> = {
  greenhouse: ['app.greenhouse.io', 'app4.greenhouse.io', 'app.eu.greenhouse.io', 'acme.greenhouse.io', 'greenhouse.io', 'app.greenhouse.io.evil.com', 'app.greenhouse.io:8443', 'u:p@app.greenhouse.io'],
  lever: ['hire.lever.co', 'hire.sandbox.lever.co', 'jobs.lever.co', 'hire.lever.co.evil.com', 'hire.lever.co:444'],
  ashby: ['app.ashbyhq.com', 'jobs.ashbyhq.com', 'app.ashbyhq.com.evil.com'],
  workable: ['acme.workable.com', 'ACME.workable.com', 'a.b.workable.com', 'workable.com', 'acme.workable.com.evil.com'],
};
const SEGMENTS = ['people', 'candidates', 'candidate', 'backend', 'jobs', 'browser', 'applied', 'guides', 'applications', 'review', 'app_review', 'interview', 'redesign', 'feed', 'pipeline', 'application-review', 'right-side', '4521', '12345004', '370715911', 'new', '', '%2e%2e', '7c9e6679-7425-40de-944b-e07fc1f90ae7', '3F2B1C9E-8D7A-4B6C-9E5F-0A1B2C3D4E5F'];
/** Any UTF-16 code unit, lone surrogates included: a script can put those into a page's text. */
const CODE_UNIT = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const QUERIES = ['', '?application_id=9001', '?person_id=4521', '?candidate_id=x', '?tab=timeline', '#email', '?person_id=4521&person_id=1'];

const SITES: [SiteId, SiteAdapter][] = [
  ['greenhouse', greenhouseAdapter],
  ['lever', leverAdapter],
  ['ashby', ashbyAdapter],
  ['workable', workableAdapter],
];

describe.each(SITES)('%s under arbitrary URLs and names', (site, adapter) => {
  const docs = readdirSync(path.join(FIXTURES, site))
    .filter((f) => f.endsWith('.html'))
    .map((f) => inert.parse(readFileSync(path.join(FIXTURES, site, f), 'utf8')));
  const url = fc
    .tuple(fc.constantFrom(...HOSTS[site]!), fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ maxLength: 12 })), { maxLength: 9 }), fc.constantFrom(...QUERIES))
    .map(([host, segments, query]) => `https://${host}/${segments.map(encodeURIComponent).join('/')}${query}`)
    .filter((href) => URL.canParse(href));

  function expectSound(identity: ProspectIdentity | null, href: string) {
    if (identity === null) return;
    expect(ProspectIdentity.safeParse(identity).error?.issues ?? [], href).toEqual([]);
    expect(identity.key.startsWith(`${site}:`)).toBe(true);
    expect(isSiteProfileUrl(site, identity.url)).toBe(true);
    expect(adapter.isProfileUrl(new URL(href))).toBe(true);
  }

  it('gives null or a valid identity on every fixture page at any URL', () => {
    fc.assert(
      fc.property(url, fc.nat(docs.length - 1), (href, index) => {
        expectSound(adapter.identify(docs[index]!, new URL(href)), href);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a valid identity whatever text stands where the name goes', () => {
    const doc = inert.parse('<!DOCTYPE html><html><head><title></title></head><body></body></html>');
    /** Puts `name` as text in a fresh element of the page (never as markup). */
    const holder = (tag: string, attributes: Record<string, string>) => (name: string) => {
      const el = doc.createElement(tag);
      for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
      el.textContent = name;
      doc.body.replaceChildren(el);
    };
    const PAGES: Record<string, [string, (name: string) => void]> = {
      greenhouse: ['https://app.greenhouse.io/people/4521', holder('div', { class: 'person-name' })],
      lever: ['https://hire.lever.co/candidates/3f2b1c9e-8d7a-4b6c-9e5f-0a1b2c3d4e5f', (name) => (doc.title = `${name} – Lever Hire`)],
      ashby: ['https://app.ashbyhq.com/candidates/7c9e6679-7425-40de-944b-e07fc1f90ae7', holder('a', { href: '/candidates/7c9e6679-7425-40de-944b-e07fc1f90ae7' })],
      workable: ['https://acme.workable.com/backend/candidates/370715911', holder('h2', { 'data-ui': 'candidate-name' })],
    };
    const [href, render] = PAGES[site]!;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: CODE_UNIT, maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 3000 })), (name) => {
        render(name);
        const identity = adapter.identify(doc, new URL(href));
        expect(identity).not.toBeNull();
        expectSound(identity, href);
      }),
      { numRuns: 300 },
    );
  });
});
