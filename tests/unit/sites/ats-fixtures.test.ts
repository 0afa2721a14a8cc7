import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ProspectIdentity, type SiteId } from '@/lib/model/identity';
import { adapterFor } from '@/lib/sites';
import { ashbyAdapter } from '@/lib/sites/ashby';
import { greenhouseAdapter } from '@/lib/sites/greenhouse';
import { isSiteProfileUrl } from '@/lib/sites/hosts';
import { leverAdapter } from '@/lib/sites/lever';
import type { SiteAdapter } from '@/lib/sites/types';
import { workableAdapter } from '@/lib/sites/workable';
import { inertParser } from '../../support/inert-dom';

/** The hand-made ATS pages (tests/fixtures/ats/<site>, see its README) and what each must give. */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ats');

interface ExpectedEntry {
  url: string;
  /** Other URLs of the same page that must give the same identity (route variants, decorations). */
  alsoAt?: string[];
  /** The URL does not name the person (Greenhouse's app review): only the rendered page does. */
  idFromPage?: boolean;
  identity: ProspectIdentity | null;
}

const SITES: [SiteId, SiteAdapter][] = [
  ['greenhouse', greenhouseAdapter],
  ['lever', leverAdapter],
  ['ashby', ashbyAdapter],
  ['workable', workableAdapter],
];

const expectedFor = (site: SiteId) => JSON.parse(readFileSync(path.join(FIXTURES, site, 'expected.json'), 'utf8')) as Record<string, ExpectedEntry>;
const page = (site: SiteId, file: string) => readFileSync(path.join(FIXTURES, site, file), 'utf8');

const inert = inertParser('https://app.greenhouse.io/');
afterAll(() => inert.close());
const parse = inert.parse;

describe.each(SITES)('%s fixtures', (site, adapter) => {
  const expected = expectedFor(site);

  it('has an expected identity for every page in the folder, and at least five pages', () => {
    const files = readdirSync(path.join(FIXTURES, site)).filter((f) => f.endsWith('.html'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.entries(expected))('%s', (file, entry) => {
    const doc = parse(page(site, file));
    for (const url of [entry.url, ...(entry.alsoAt ?? [])]) {
      expect(adapterFor(new URL(url)), url).toBe(adapter);
      const identity = adapter.identify(doc, new URL(url));
      expect(identity, url).toEqual(entry.identity);
      if (identity !== null) {
        expect(ProspectIdentity.safeParse(identity).success, url).toBe(true);
        expect(isSiteProfileUrl(site, identity.url)).toBe(true);
        expect(adapter.isProfileUrl(new URL(url))).toBe(true);
      }
    }
  });

  it.each(Object.entries(expected).filter(([, entry]) => entry.identity !== null && entry.idFromPage !== true))('%s: the person from the URL alone when nothing on the page matches', (_file, entry) => {
    const blank = parse('<!DOCTYPE html><html><head><title></title></head><body><div id="app"></div></body></html>');
    const identity = adapter.identify(blank, new URL(entry.url));
    expect(identity).toMatchObject({ site, key: entry.identity?.key, url: entry.identity?.url, nameIsStandIn: true, emails: [], sameAs: [] });
    expect(identity?.name).toMatch(new RegExp(`^Candidate \\S{1,12} on `));
    expect(ProspectIdentity.safeParse(identity).success).toBe(true);
  });

  it('runs none of the hostile page scripts or handlers', async () => {
    const file = Object.keys(expected).find((f) => f.includes('hostile'))!;
    const doc = parse(page(site, file));
    const identity = adapter.identify(doc, new URL(expected[file]!.url));
    expect(identity).toEqual(expected[file]!.identity);
    await new Promise((resolve) => setTimeout(resolve, 50)); // give an img onerror a chance to fire
    expect(doc.documentElement.getAttributeNames().filter((name) => name.startsWith('data-pwned'))).toEqual([]);
  });

  it('never throws on a hostile document', () => {
    const throwing = new Proxy({} as Document, {
      get() {
        throw new Error('hostile document');
      },
    });
    const url = Object.values(expected).find((entry) => entry.identity !== null)!.url;
    expect(adapter.identify(throwing, new URL(url))).toBeNull();
  });
});
