import { describe, expect, it } from 'vitest';
import { isSiteProfileUrl } from '@/lib/sites/hosts';
import { ATS_OPTIONAL_HOST_PATTERNS, ATS_SITES, grantedPatterns, sitePatterns } from '@/lib/sites/site-permissions';

describe('the hosts each ATS is asked for', () => {
  it('asks for every host of the site when nothing is entered', () => {
    expect(sitePatterns('greenhouse')).toEqual({ patterns: ['https://*.greenhouse.io/*'] });
    expect(sitePatterns('lever', 'ignored')).toEqual({ patterns: ['https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*'] });
    expect(sitePatterns('ashby', '  ')).toEqual({ patterns: ['https://app.ashbyhq.com/*'] });
    expect(sitePatterns('workable', '')).toEqual({ patterns: ['https://*.workable.com/*'] });
  });

  it.each([
    ['greenhouse', 'acme', 'https://acme.greenhouse.io/*'],
    ['greenhouse', ' App.EU ', 'https://app.eu.greenhouse.io/*'],
    ['greenhouse', 'app4.greenhouse.io', 'https://app4.greenhouse.io/*'],
    ['greenhouse', 'https://canonical.greenhouse.io/people/4521?application_id=9', 'https://canonical.greenhouse.io/*'],
    ['workable', 'acme', 'https://acme.workable.com/*'],
    ['workable', 'acme-labs.workable.com/backend/candidates/1', 'https://acme-labs.workable.com/*'],
  ] as const)('narrows %s to what %j names', (site, entered, pattern) => {
    expect(sitePatterns(site, entered)).toEqual({ patterns: [pattern] });
  });

  it.each([
    ['greenhouse', 'acme.evil.example'],
    ['greenhouse', '*'],
    ['greenhouse', 'a.b.c'],
    ['greenhouse', '-acme'],
    ['greenhouse', 'acme corp'],
    ['workable', 'app.eu'],
    ['workable', 'https://acme.workable.com.evil.example/'],
    ['workable', 'x'.repeat(64)],
  ] as const)('refuses %s %j with a sentence that says what to enter', (site, entered) => {
    const result = sitePatterns(site, entered);
    expect(result).toMatchObject({ error: expect.stringMatching(/use letters, digits and hyphens, like “acme”/) as unknown });
  });

  it('only ever asks for patterns inside the manifest’s optional host permissions, for pages the site’s profiles are on', () => {
    const inside = (pattern: string) => ATS_OPTIONAL_HOST_PATTERNS.some((optional) => optional === pattern || (optional.startsWith('https://*.') && pattern.endsWith(optional.slice('https://*'.length))));
    for (const [site, entered, page] of [
      ['greenhouse', 'acme', 'https://acme.greenhouse.io/people/1'],
      ['workable', 'acme', 'https://acme.workable.com/backend/candidates/1'],
      ['lever', '', 'https://hire.lever.co/candidates/x'],
    ] as const) {
      const result = sitePatterns(site, entered);
      if ('error' in result) throw new Error(result.error);
      expect(result.patterns.every(inside)).toBe(true);
      expect(isSiteProfileUrl(site, page)).toBe(true);
    }
  });
});

describe('which sites are on, from what the browser granted', () => {
  const granted = ['https://*.linkedin.com/*', 'https://acme.greenhouse.io/*', 'https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*', 'https://*.workable.com/*', 'https://evil.example/*'];

  it('gives each site its own granted patterns, whole or narrowed, and nothing of another site', () => {
    expect(Object.fromEntries(ATS_SITES.map((site) => [site, grantedPatterns(site, granted)]))).toEqual({
      greenhouse: ['https://acme.greenhouse.io/*'],
      lever: ['https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*'],
      ashby: [],
      workable: ['https://*.workable.com/*'],
    });
  });

  it('does not count a look-alike host as the site', () => {
    expect(grantedPatterns('greenhouse', ['https://greenhouse.io.evil.example/*', 'https://evilgreenhouse.io/*', 'http://acme.greenhouse.io/*'])).toEqual([]);
  });
});
