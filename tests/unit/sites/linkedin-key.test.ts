import { describe, expect, it } from 'vitest';
import { ProfileKey } from '@/lib/model/identity';
import { adapterFor, adapters } from '@/lib/sites';
import {
  canonicalProfileUrl,
  isProfileUrl,
  linkedinAdapter,
  linkedinProfileKey,
  memberIdFromProfileId,
} from '@/lib/sites/linkedin';

describe('linkedinProfileKey', () => {
  it.each([
    // The plain profile, with and without the trailing slash, on http and https.
    ['https://www.linkedin.com/in/robertkcheung/', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/in/robertkcheung', 'linkedin:robertkcheung'],
    ['http://www.linkedin.com/in/robertkcheung/', 'linkedin:robertkcheung'],
    ['https://linkedin.com/in/robertkcheung/', 'linkedin:robertkcheung'],
    // Sub-pages, overlays, locale suffixes, queries and hashes.
    ['https://www.linkedin.com/in/robertkcheung/details/experience/', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/in/robertkcheung/overlay/contact-info/', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/in/robertkcheung/overlay/about-this-profile/', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/in/robertkcheung/en', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/in/robertkcheung/?locale=de_DE', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/in/robertkcheung?miniProfileUrn=urn%3Ali%3Afsd_profile%3AACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/in/robertkcheung/#experience', 'linkedin:robertkcheung'],
    // Case of the slug, the host and the /in/ segment.
    ['https://www.linkedin.com/in/RobertKCheung/', 'linkedin:robertkcheung'],
    ['https://WWW.LINKEDIN.COM/in/robertkcheung/', 'linkedin:robertkcheung'],
    ['https://www.linkedin.com/IN/robertkcheung/', 'linkedin:robertkcheung'],
    // Country subdomains (public pages) and a fully-qualified host name.
    ['https://se.linkedin.com/in/eduardo-alvarez-nowak', 'linkedin:eduardo-alvarez-nowak'],
    ['https://de.linkedin.com/in/eduardo-alvarez-nowak/en', 'linkedin:eduardo-alvarez-nowak'],
    ['https://www.linkedin.com./in/robertkcheung/', 'linkedin:robertkcheung'],
    // Percent-encoding, raw Unicode, upper case and decomposed forms all give one key.
    ['https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/', 'linkedin:jörg-müller'],
    ['https://www.linkedin.com/in/jörg-müller/', 'linkedin:jörg-müller'],
    ['https://www.linkedin.com/in/J%C3%96RG-M%C3%9CLLER/', 'linkedin:jörg-müller'],
    ['https://www.linkedin.com/in/jo%CC%88rg-mu%CC%88ller/', 'linkedin:jörg-müller'],
    ['https://www.linkedin.com/in/thilde-markstr%C3%B6m-02a5192b7', 'linkedin:thilde-markström-02a5192b7'],
    ['https://www.linkedin.com/in/%E7%8E%8B%E5%B0%8F%E6%98%8E/', 'linkedin:王小明'],
    ['https://www.linkedin.com/in/john_doe_1/', 'linkedin:john_doe_1'],
    ['https://www.linkedin.com/in/' + 'a'.repeat(100) + '/', 'linkedin:' + 'a'.repeat(100)],
  ])('%s → %s', (url, key) => {
    expect(linkedinProfileKey(new URL(url))).toBe(key);
    expect(ProfileKey.safeParse(key).success).toBe(true);
  });

  it.each([
    // Not a profile path.
    'https://www.linkedin.com/',
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in',
    'https://www.linkedin.com/in//robertkcheung/',
    'https://www.linkedin.com/company/acme/',
    'https://www.linkedin.com/school/kth/',
    'https://www.linkedin.com/public-profile/in/ivanahmadfatoni/',
    'https://www.linkedin.com/pub/robert-cheung/1/2/3',
    'https://www.linkedin.com/talent/profile/AEMAAAwyvpsB',
    'https://www.linkedin.com/search/results/people/?keywords=in%2Frobertkcheung',
    'https://www.linkedin.com/feed/?u=/in/robertkcheung/',
    // Slugs that are not slugs: invalid or hostile encoding, separators, dots, too long.
    'https://www.linkedin.com/in/%E0%A4%A/',
    'https://www.linkedin.com/in/%/',
    'https://www.linkedin.com/in/%C3/',
    'https://www.linkedin.com/in/a%2Fb/',
    'https://www.linkedin.com/in/a%20b/',
    'https://www.linkedin.com/in/a%00b/',
    'https://www.linkedin.com/in/%2e%2e/',
    'https://www.linkedin.com/in/a.b/',
    'https://www.linkedin.com/in/a%252Fb/',
    'https://www.linkedin.com/in/' + 'a'.repeat(101) + '/',
    // Look-alike and foreign hosts, ports and schemes.
    'https://www.linkedin.com.evil.com/in/robertkcheung/',
    'https://linkedin.com.evil.com/in/robertkcheung/',
    'https://evillinkedin.com/in/robertkcheung/',
    'https://linkedin.co/in/robertkcheung/',
    'https://www.linkedin.com@evil.com/in/robertkcheung/',
    'https://www.linkedin.com:8443/in/robertkcheung/',
    'ftp://www.linkedin.com/in/robertkcheung/',
    'file:///in/robertkcheung/',
    // Opaque ids name a person but are no stable key (the vanity slug is).
    'https://www.linkedin.com/in/ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w/',
  ])('%s → null', (url) => {
    expect(linkedinProfileKey(new URL(url))).toBeNull();
  });
});

describe('canonicalProfileUrl', () => {
  it.each([
    ['robertkcheung', 'https://www.linkedin.com/in/robertkcheung/'],
    ['jörg-müller', 'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller/'],
    ['王小明', 'https://www.linkedin.com/in/%E7%8E%8B%E5%B0%8F%E6%98%8E/'],
  ])('%s → %s, which gives the same key back', (slug, url) => {
    expect(canonicalProfileUrl(slug)).toBe(url);
    expect(linkedinProfileKey(new URL(canonicalProfileUrl(slug)))).toBe(`linkedin:${slug}`);
  });
});

describe('isProfileUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/robertkcheung/', true],
    ['https://se.linkedin.com/in/eduardo-alvarez-nowak', true],
    ['https://www.linkedin.com/in/robertkcheung/details/experience/', true],
    ['https://www.linkedin.com/in/ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w/', true],
    ['https://www.linkedin.com/feed/', false],
    ['https://www.linkedin.com/in/', false],
    ['https://www.linkedin.com/company/acme/', false],
    ['https://www.linkedin.com.evil.com/in/robertkcheung/', false],
  ])('%s → %s', (url, profile) => {
    expect(isProfileUrl(new URL(url))).toBe(profile);
  });
});

describe('memberIdFromProfileId', () => {
  it.each([
    // Each equals the data-member-id of the same person's top card in ../shared/fixtures/linkedin.
    ['ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w', 204652187],
    ['ACoAAAEsCYMBe6ZkP40rVMrKDJgie-JD2j_DMeE', 19663235],
    ['ACoAABS9BdoBSJFfAvbRCM0dr7lB5Eggww93Ld0', 347932122],
    // Not a profile id: wrong length, wrong characters, wrong header bytes.
    ['ACoAAAwyvpsB', null],
    ['ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w0', null],
    ['ACoAAAwyvp$BdVfk2kwZzamQtesKhd23iQB_i1w', null],
    ['ACoBAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w', null],
    ['ACoAAAAAAAABdVfk2kwZzamQtesKhd23iQB_i1w', null],
  ])('%s → %s', (id, memberId) => {
    expect(memberIdFromProfileId(id)).toBe(memberId);
  });
});

describe('adapterFor', () => {
  it('lists the LinkedIn adapter', () => {
    expect(adapters).toContain(linkedinAdapter);
  });

  it.each([
    // Every LinkedIn page: the content script must be running before in-app navigation to a profile.
    ['https://www.linkedin.com/in/robertkcheung/', 'linkedin'],
    ['https://se.linkedin.com/in/eduardo-alvarez-nowak', 'linkedin'],
    ['https://www.linkedin.com/feed/', 'linkedin'],
    ['https://linkedin.com/in/robertkcheung/', 'linkedin'],
    ['https://www.linkedin.com.evil.com/in/robertkcheung/', null],
    ['https://evillinkedin.com/in/robertkcheung/', null],
    ['https://example.com/in/robertkcheung/', null],
    ['http://www.linkedin.com/in/robertkcheung/', null],
    ['about:blank', null],
  ])('%s → %s', (url, site) => {
    expect(adapterFor(new URL(url))?.site ?? null).toBe(site);
  });
});
