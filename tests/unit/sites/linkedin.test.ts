import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ProspectIdentity } from '@/lib/model/identity';
import { LINKEDIN_PATTERNS } from '@/lib/sites/hosts';
import { linkedinAdapter } from '@/lib/sites/linkedin';
import { cleanText, FIELD_MAX } from '@/lib/sites/text';
import { inertParser } from '../../support/inert-dom';

// tests/unit/sites → repo root; the saved real pages live beside the repo in ../shared (CI too).
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SHARED_FIXTURES = path.resolve(REPO_ROOT, '../shared/fixtures/linkedin');
const OWN_FIXTURES = path.resolve(REPO_ROOT, 'tests/fixtures/linkedin');

type Fields = Pick<ProspectIdentity, 'key' | 'name' | 'headline' | 'company' | 'location'>;
interface ExpectedEntry {
  url: string;
  identity: Fields | null;
}

const expected = JSON.parse(readFileSync(path.join(SHARED_FIXTURES, 'expected.json'), 'utf8')) as Record<string, ExpectedEntry>;
const shared = (file: string) => readFileSync(path.join(SHARED_FIXTURES, file), 'utf8');
const own = (file: string) => readFileSync(path.join(OWN_FIXTURES, file), 'utf8');

/** Pages are parsed with the CLI's settings (tests/support/inert-dom.ts); a test below also checks the environment's own DOMParser runs no scripts. */
const inert = inertParser();
afterAll(() => inert.close());
const parse = inert.parse;

function identify(html: string, url: string): ProspectIdentity | null {
  return linkedinAdapter.identify(parse(html), new URL(url));
}

/** The identity must be one the schema accepts, or the sidebar would drop it. */
function expectValid(identity: ProspectIdentity | null): asserts identity is ProspectIdentity {
  expect(identity).not.toBeNull();
  expect(ProspectIdentity.safeParse(identity).success).toBe(true);
}

function fieldsOf(identity: ProspectIdentity | null): Fields | null {
  if (identity === null) return null;
  const { key, name, headline, company, location } = identity;
  return { key, name, headline, company, location };
}

const ANN = 'https://www.linkedin.com/in/ann-example/';

describe('saved real pages (../shared/fixtures/linkedin)', () => {
  it('covers every HTML file in the folder', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(SHARED_FIXTURES).filter((f) => f.endsWith('.html'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', (file, entry) => {
    const identity = identify(shared(file), entry.url);
    expect(fieldsOf(identity)).toEqual(entry.identity);
    if (entry.identity !== null) {
      expectValid(identity);
      expect(identity.site).toBe('linkedin');
      expect(identity.url).toBe(`https://www.linkedin.com/in/${entry.identity.key.slice('linkedin:'.length)}/`);
    }
  });

  it('gives the same key for the logged-in and the public page of one person', () => {
    const member = identify(shared('member-2024-07-full.html'), 'https://www.linkedin.com/in/eduardo-alvarez-nowak/');
    const pub = identify(shared('public-2024-05.html'), 'https://se.linkedin.com/in/eduardo-alvarez-nowak');
    expectValid(member);
    expect(pub?.key).toBe(member.key);
    expect(pub?.url).toBe(member.url);
  });

  it('reads the same person at decorated URLs of the same profile', () => {
    const html = shared('member-2025-04-fresh-load.html');
    for (const url of [
      'https://www.linkedin.com/in/RobertKCheung',
      'https://www.linkedin.com/in/robertkcheung/overlay/contact-info/',
      'https://www.linkedin.com/in/robertkcheung/?miniProfileUrn=urn%3Ali%3Afsd_profile%3AACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w#about',
    ]) {
      expect(identify(html, url)?.key, url).toBe('linkedin:robertkcheung');
    }
  });

  it('returns null for a real profile DOM when the URL is not a profile', () => {
    const html = shared('member-2025-04-fresh-load.html');
    expect(identify(html, 'https://www.linkedin.com/feed/')).toBeNull();
    expect(identify(html, 'https://www.linkedin.com.evil.com/in/robertkcheung/')).toBeNull();
  });

  it('returns null for the "Profile Not Found" page even without its /public-profile/ canonical link', () => {
    const html = shared('public-2024-06-profile-not-found.html');
    expect(html).toContain('<link rel="canonical" href="/public-profile/in/ivanahmadfatoni/">');
    const withoutCanonical = html.replace('<link rel="canonical" href="/public-profile/in/ivanahmadfatoni/">', '');
    expect(identify(withoutCanonical, 'https://www.linkedin.com/in/ivanahmadfatoni/')).toBeNull();
  });
});

describe('opaque profile ids (/in/ACoAA…/, linked from mutual-connection lists)', () => {
  const ROB_ID_URL = 'https://www.linkedin.com/in/ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w/';

  it('takes the vanity key from the top card when its member id is the one the URL encodes', () => {
    const identity = identify(shared('member-2025-04-fresh-load.html'), ROB_ID_URL);
    expectValid(identity);
    expect(identity.key).toBe('linkedin:robertkcheung');
    expect(identity.url).toBe('https://www.linkedin.com/in/robertkcheung/');
  });

  it("returns null when the top card is another member's (stale DOM after navigation)", () => {
    expect(identify(shared('member-2025-04-spa-navigation.html'), ROB_ID_URL)).toBeNull();
  });

  it('returns null when the top card has no link giving the vanity slug', () => {
    const html = own('member-missing-fields.html').replace('data-member-id="123456"', 'data-member-id="204652187"');
    expect(identify(html, ROB_ID_URL)).toBeNull();
  });
});

describe('hostile hand-made pages (tests/fixtures/linkedin)', () => {
  it('returns markup in fields as plain text, without script or style source', () => {
    const identity = identify(own('member-hostile-markup.html'), ANN);
    expectValid(identity);
    expect(identity.name).toBe('<img src=x onerror=alert(1)>Ann');
    expect(identity.headline).toBe('Head of Talent & People </div>');
    expect(identity.company).toBe('<script>alert(1)</script>Acme');
    expect(identity.location).toBe('Oslo, Norway');
  });

  it.each([
    ['the inert parser', parse],
    ["the test environment's DOMParser", (html: string) => new DOMParser().parseFromString(html, 'text/html')],
  ])('runs none of the page scripts or event handlers with %s', async (_parser, parseWith) => {
    const doc = parseWith(own('member-hostile-markup.html'));
    expect(linkedinAdapter.identify(doc, new URL(ANN))?.name).toBe('<img src=x onerror=alert(1)>Ann');
    await new Promise((resolve) => setTimeout(resolve, 50)); // give an img onerror a chance to fire
    // A script that ran would mark its own document (its globals live in its window, not here).
    expect(doc.querySelectorAll('script')).toHaveLength(2);
    expect(doc.documentElement.getAttributeNames().filter((name) => name.startsWith('data-pwned'))).toEqual([]);
    expect(doc.title).toBe('Ann | LinkedIn');
  });

  it('returns the identity with nulls when headline, company and location are missing, keyed by the URL', () => {
    const identity = identify(own('member-missing-fields.html'), 'https://www.linkedin.com/in/Ann-Example/details/');
    expectValid(identity);
    expect(fieldsOf(identity)).toEqual({ key: 'linkedin:ann-example', name: 'Ann Example', headline: null, company: null, location: null });
  });

  it('returns null when the name is blank (whitespace, zero-width characters and a script)', () => {
    expect(identify(own('member-missing-name.html'), ANN)).toBeNull();
  });

  it('returns null when the top card has no h1 at all', () => {
    const html = own('member-missing-fields.html').replace(/<h1[^>]*>Ann Example<\/h1>/, '<div>Ann Example</div>');
    expect(html).not.toContain('<h1');
    expect(identify(html, ANN)).toBeNull();
  });

  it('reads the top card, never the stale <code> blobs about other people', () => {
    const identity = identify(own('member-stale-data-blobs.html'), ANN);
    expectValid(identity);
    expect(fieldsOf(identity)).toEqual({
      key: 'linkedin:ann-example',
      name: 'Ann Example',
      headline: 'Recruiter at Acme',
      company: 'Acme Inc.',
      location: 'Oslo, Norway',
    });
  });

  it("returns null when the URL already names someone else but the top card is still the previous person's", () => {
    expect(identify(own('member-stale-data-blobs.html'), 'https://www.linkedin.com/in/bob-stone/')).toBeNull();
  });

  it('returns null when the top card links disagree with each other', () => {
    const html = own('member-stale-data-blobs.html').replace('/in/ann-example/overlay/about-this-profile/', '/in/bob-stone/overlay/about-this-profile/');
    expect(identify(html, ANN)).toBeNull();
    expect(identify(html, 'https://www.linkedin.com/in/bob-stone/')).toBeNull();
  });

  it('returns null before the top card renders, even though blobs and other cards name the URL person', () => {
    expect(identify(own('member-blobs-only.html'), 'https://www.linkedin.com/in/bob-stone/')).toBeNull();
  });

  it('cleans whitespace, zero-width, bidi and control characters, keeping emoji joiners', () => {
    const identity = identify(own('member-whitespace-name.html'), ANN);
    expectValid(identity);
    expect(identity.name).toBe('Ann Example \u{1F469}\u200D\u{1F4BB}');
    expect(identity.headline).toBe('Recruiter at Acme Nordics');
    expect(identity.location).toBe('Oslo, Norway');
  });

  it('returns null for a page that is not a profile, at its own URL and at a profile URL', () => {
    const html = own('not-a-profile-company.html');
    expect(identify(html, 'https://www.linkedin.com/company/acme/')).toBeNull();
    expect(identify(html, ANN)).toBeNull();
  });

  it('caps a very long name to the schema maximum', () => {
    const longName = 'Ann '.repeat(300) + 'Example';
    const html = own('member-missing-fields.html').replace('>Ann Example</h1>', `>${longName}</h1>`);
    const identity = identify(html, ANN);
    expectValid(identity);
    expect(identity.name.length).toBeLessThanOrEqual(FIELD_MAX.name);
    expect(identity.name.length).toBeGreaterThan(FIELD_MAX.name - 5);
    expect(identity.name.startsWith('Ann Ann')).toBe(true);
  });

  it('identifies a 5 MB page correctly and quickly', () => {
    const base = shared('member-2025-04-fresh-load.html');
    const blob = `<code style="display: none">${JSON.stringify({ firstName: 'Bob', lastName: 'Stone', publicIdentifier: 'bob-stone' })}</code>`;
    const filler = `<div class="feed-item"><span class="text-body-medium">Filler post text</span><h1>Not the name</h1>${blob}</div>\n`;
    const padding = filler.repeat(Math.ceil((5_000_000 - base.length) / filler.length));
    const html = base.replace('</body>', `${padding}</body>`);
    expect(html.length).toBeGreaterThanOrEqual(5_000_000);
    const doc = parse(html);
    const started = performance.now();
    const identity = linkedinAdapter.identify(doc, new URL('https://www.linkedin.com/in/robertkcheung/'));
    const elapsed = performance.now() - started;
    console.info(`identify on a ${(html.length / 1e6).toFixed(1)} MB page: ${elapsed.toFixed(1)} ms`);
    expect(fieldsOf(identity)).toEqual(expected['member-2025-04-fresh-load.html']?.identity);
  }, 30_000); // parsing 5 MB in happy-dom takes seconds; identify itself takes milliseconds
});

describe('public pages whose own metadata names someone else', () => {
  const html = shared('public-2024-05.html');
  const url = 'https://se.linkedin.com/in/eduardo-alvarez-nowak';

  it.each([
    ['canonical link', '<link rel="canonical" href="https://se.linkedin.com/in/eduardo-alvarez-nowak">', '<link rel="canonical" href="https://se.linkedin.com/in/bob-stone">'],
    ['og:url', '<meta property="og:url" content="https://se.linkedin.com/in/eduardo-alvarez-nowak">', '<meta property="og:url" content="https://se.linkedin.com/in/bob-stone">'],
    ['JSON-LD Person url', '"url":"https://se.linkedin.com/in/eduardo-alvarez-nowak","memberOf"', '"url":"https://se.linkedin.com/in/bob-stone","memberOf"'],
  ])('returns null when the %s disagrees with the URL', (_signal, original, replacement) => {
    expect(html).toContain(original); // the edit below must really change the page
    expect(identify(html.replace(original, replacement), url)).toBeNull();
  });

  it('falls back to the top card when JSON-LD is missing', () => {
    const withoutJsonLd = html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
    expect(withoutJsonLd).not.toContain('application/ld+json');
    expect(fieldsOf(identify(withoutJsonLd, url))).toEqual(expected['public-2024-05.html']?.identity);
  });

  it('survives broken JSON-LD', () => {
    const broken = html.replace('<script type="application/ld+json">', '<script type="application/ld+json">{ not json');
    expect(broken).not.toBe(html);
    expect(identify(broken, url)?.name).toBe('Eduardo Alvarez Nowak');
  });
});

describe('cleanText', () => {
  it.each([
    ['  Ann \n\t Example  ', 'Ann Example'],
    ['\u200BAnn\uFEFF\u200E', 'Ann'],
    ['Ann\u0000Example', 'Ann Example'],
    ['\u00A0\u3000', null],
    ['', null],
    ['Jo\u0308rg', 'J\u00F6rg'],
    ['Ann\uD800 Ex\uDC00ample \u{1F469}', 'Ann Example \u{1F469}'],
  ])('%j → %j', (raw, clean) => {
    expect(cleanText(raw, 200)).toBe(clean);
  });

  it('does not split a surrogate pair when capping', () => {
    const text = 'a'.repeat(199) + '\u{1F600}';
    const capped = cleanText(text, 200);
    expect(capped).toBe('a'.repeat(199));
  });

  it('caps in UTF-8 bytes, as the schema counts, so a long name in Japanese still validates', () => {
    const capped = cleanText('山'.repeat(100), 200)!;
    expect(capped).toBe('山'.repeat(66));
    expect(ProspectIdentity.shape.name.safeParse(capped).success).toBe(true);
  });

  it('returns null for null input', () => {
    expect(cleanText(null, 10)).toBeNull();
  });
});

describe('adapter shape', () => {
  it('is the linkedin site, matches the manifest patterns and never throws on a hostile document', () => {
    expect(linkedinAdapter.site).toBe('linkedin');
    expect(linkedinAdapter.matches).toEqual(LINKEDIN_PATTERNS); // the manifest's host permissions
    const throwing = new Proxy({} as Document, {
      get() {
        throw new Error('hostile document');
      },
    });
    expect(linkedinAdapter.identify(throwing, new URL(ANN))).toBeNull();
  });
});
