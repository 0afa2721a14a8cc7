/**
 * LinkedIn profiles: who is on `linkedin.com/in/<slug>/` (logged-in and public layouts).
 *
 * Tested on (tests/unit/sites/linkedin.test.ts), saved real pages in ../shared/fixtures/linkedin:
 * - https://www.linkedin.com/in/robertkcheung/          member-2025-04-fresh-load.html
 * - https://www.linkedin.com/in/jordanvale/             member-2025-04-spa-navigation.html
 * - https://www.linkedin.com/in/eduardo-alvarez-nowak/  member-2024-07-full.html
 * - https://se.linkedin.com/in/eduardo-alvarez-nowak    public-2024-05.html
 * - https://www.linkedin.com/in/ivanahmadfatoni/        public-2024-06-profile-not-found.html (null)
 * - https://www.linkedin.com/in/someone-behind-the-login-wall/  guest-2024-06-login-wall.html (null)
 * and hand-made hostile pages in tests/fixtures/linkedin. Selectors: ./linkedin-selectors.ts.
 */
import type { ProspectIdentity } from '@/lib/model/identity';
import { LINKEDIN_PATTERNS } from './hosts';
import { CURRENT_COMPANY_LABEL, MEMBER, PUBLIC } from './linkedin-selectors';
import { cleanText, FIELD_MAX, fieldText } from './text';
import type { SiteAdapter } from './types';

/** What an `/in/<x>/` path names: a vanity slug, or LinkedIn's opaque profile id (`ACoAA…`). */
export type ProfilePath = { kind: 'vanity'; slug: string } | { kind: 'member-id'; memberId: number };

/** LinkedIn lets members pick 3–100 letters, digits and hyphens; older slugs also hold underscores and non-Latin letters. */
const VANITY_SLUG = /^[\p{L}\p{M}\p{N}_-]{1,100}$/u;

/**
 * Opaque profile ids (`/in/ACoAAAwyvpsB…/`, linked from mutual-connection lists): 39 base64url
 * characters whose bytes 2–7 are the member's numeric id (checked on all three logged-in
 * captures, where it equals the top card's `data-member-id`). Case-sensitive, so never lower-cased.
 */
const MEMBER_PROFILE_ID = /^ACoAA[A-Za-z0-9_-]{34}$/;

/** linkedin.com or one of its subdomains (www, se, de…) over http(s) on the default port. */
export function isLinkedInUrl(url: URL): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.port !== '') return false;
  const host = url.hostname.replace(/\.$/, '');
  return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

/** The person an `/in/<x>/…` URL names, whatever the sub-page, overlay, query, hash or subdomain. */
export function parseProfilePath(url: URL): ProfilePath | null {
  if (!isLinkedInUrl(url)) return null;
  const [, section, raw] = url.pathname.split('/');
  if (section?.toLowerCase() !== 'in' || raw === undefined || raw === '') return null;
  const decoded = safeDecode(raw);
  if (decoded === null) return null;
  if (MEMBER_PROFILE_ID.test(decoded)) {
    const memberId = memberIdFromProfileId(decoded);
    return memberId === null ? null : { kind: 'member-id', memberId };
  }
  // Slugs are case-insensitive on LinkedIn; NFC so a decomposed "ö" is the same person.
  const slug = decoded.normalize('NFC').toLowerCase();
  return VANITY_SLUG.test(slug) ? { kind: 'vanity', slug } : null;
}

function safeDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null; // malformed percent-encoding: not a URL LinkedIn would serve
  }
}

/** The numeric member id inside an opaque `ACoAA…` profile id, or null if it does not decode. */
export function memberIdFromProfileId(id: string): number | null {
  if (!MEMBER_PROFILE_ID.test(id)) return null;
  const bytes = base64UrlBytes(id.slice(0, 12)); // 12 chars = the first 9 bytes
  if (bytes === null || bytes[0] !== 0x00 || bytes[1] !== 0x2a) return null;
  let memberId = 0;
  for (const byte of bytes.slice(2, 8)) memberId = memberId * 256 + byte; // 48 bits: exact in a double
  return memberId > 0 ? memberId : null;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes unpadded base64url whose length is a multiple of 4 (no Buffer/atob: runs anywhere). */
function base64UrlBytes(text: string): number[] | null {
  const bytes: number[] = [];
  for (let i = 0; i + 4 <= text.length; i += 4) {
    const sextets = [...text.slice(i, i + 4)].map((c) => BASE64URL.indexOf(c));
    if (sextets.some((s) => s < 0)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = sextets;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes.push((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  }
  return bytes;
}

/** `linkedin:<slug>` for a vanity profile URL; null for anything else (opaque ids included: they are no stable key). */
export function linkedinProfileKey(url: URL): string | null {
  const path = parseProfilePath(url);
  return path?.kind === 'vanity' ? profileKey(path.slug) : null;
}

function profileKey(slug: string): string {
  return `linkedin:${slug}`;
}

/** The one URL Tandem stores for a profile, whatever URL it was seen at. */
export function canonicalProfileUrl(slug: string): string {
  return `https://www.linkedin.com/in/${encodeURIComponent(slug)}/`;
}

/** A page that shows one person: any `/in/<slug-or-id>/…` URL on LinkedIn. */
export function isProfileUrl(url: URL): boolean {
  return parseProfilePath(url) !== null;
}

/** The fields read off a page, before the key and URL are attached. */
interface PageFields {
  slug: string;
  name: string | null;
  headline: string | null;
  company: string | null;
  location: string | null;
}

// ---------------------------------------------------------------------------------------------
// Logged-in layout

/** Reads the logged-in top card; null unless the card provably belongs to the URL's person. */
function readMemberPage(card: Element, url: URL, path: ProfilePath): PageFields | null {
  const slug = memberCardSlug(card, url, path);
  if (slug === null) return null;
  return {
    slug,
    name: fieldText(card.querySelector(MEMBER.name), FIELD_MAX.name),
    headline: fieldText(card.querySelector(MEMBER.headline), FIELD_MAX.headline),
    company: memberCompany(card),
    location: fieldText(card.querySelector(MEMBER.location), FIELD_MAX.location),
  };
}

/**
 * The slug of the person the top card shows, checked against the URL. After in-app navigation
 * the URL changes before the card is re-rendered: a card whose own links name someone else is
 * stale, so null (the caller tries again when the DOM changes).
 */
function memberCardSlug(card: Element, url: URL, path: ProfilePath): string | null {
  const cardSlug = slugFromCardLinks(card, url);
  if (cardSlug === CONFLICT) return null;
  if (path.kind === 'vanity') {
    return cardSlug === null || cardSlug === path.slug ? path.slug : null;
  }
  // An opaque-id URL: the card's links give the vanity slug; its member id must be the URL's.
  const cardMemberId = Number(card.getAttribute('data-member-id'));
  return cardSlug !== null && cardMemberId === path.memberId ? cardSlug : null;
}

/** The top card's links name more than one person, or something that is not a vanity profile. */
const CONFLICT = Symbol('conflict');

/** The one vanity slug the card's own links agree on; null if it has none. */
function slugFromCardLinks(card: Element, url: URL): string | typeof CONFLICT | null {
  const slugs = new Set<string>();
  for (const link of card.querySelectorAll(MEMBER.slugLinks)) {
    const target = resolveUrl(link.getAttribute('href'), url);
    const path = target === null ? null : parseProfilePath(target);
    if (path?.kind !== 'vanity') return CONFLICT;
    slugs.add(path.slug);
  }
  if (slugs.size > 1) return CONFLICT;
  const [slug] = slugs;
  return slug ?? null;
}

/** The company named in the "Current company: X. Click to skip…" label, else the button's own text. */
function memberCompany(card: Element): string | null {
  const button = card.querySelector(MEMBER.currentCompany);
  if (button === null) return null;
  const label = CURRENT_COMPANY_LABEL.exec(button.getAttribute('aria-label') ?? '');
  return label?.[1] !== undefined ? cleanText(label[1], FIELD_MAX.company) : fieldText(button, FIELD_MAX.company);
}

// ---------------------------------------------------------------------------------------------
// Public (logged-out) layout

/**
 * Reads a public profile. Its canonical link, og:url and JSON-LD Person all state the page's
 * person; any that names another URL (a "Profile Not Found" page's `/public-profile/in/…`, the
 * login wall's home page) means this is not that person's profile, so null.
 */
function readPublicPage(doc: Document, url: URL, path: ProfilePath): PageFields | null {
  if (path.kind !== 'vanity') return null; // public pages are only served at vanity URLs
  const person = jsonLdPerson(doc);
  const stated = [
    doc.querySelector(PUBLIC.canonical)?.getAttribute('href'),
    doc.querySelector(PUBLIC.ogUrl)?.getAttribute('content'),
    person === null ? undefined : stringField(person, 'url'),
  ];
  if (!stated.every((u) => u === null || u === undefined || sameVanity(u, url, path.slug))) return null;
  return {
    slug: path.slug,
    name: cleanText(stringField(person, 'name'), FIELD_MAX.name) ?? fieldText(doc.querySelector(PUBLIC.name), FIELD_MAX.name),
    headline: fieldText(doc.querySelector(PUBLIC.headline), FIELD_MAX.headline),
    company: cleanText(currentEmployer(person), FIELD_MAX.company) ?? fieldText(doc.querySelector(PUBLIC.currentCompany), FIELD_MAX.company),
    location: cleanText(addressLocality(person), FIELD_MAX.location) ?? fieldText(doc.querySelector(PUBLIC.location), FIELD_MAX.location),
  };
}

function sameVanity(href: string, base: URL, slug: string): boolean {
  const target = resolveUrl(href, base);
  const path = target === null ? null : parseProfilePath(target);
  return path?.kind === 'vanity' && path.slug === slug;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON-LD value may be one item or a list of them. */
function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function stringField(obj: JsonObject | null, key: string): string | null {
  const value = obj?.[key];
  return typeof value === 'string' ? value : null;
}

/** JSON-LD blocks larger than this are not a profile's metadata; skip rather than parse megabytes. */
const JSON_LD_LIMIT = 1_000_000;

/** The first top-level schema.org `Person` in the page's JSON-LD (directly or in `@graph`). */
function jsonLdPerson(doc: Document): JsonObject | null {
  for (const script of doc.querySelectorAll(PUBLIC.jsonLd)) {
    const text = script.textContent ?? '';
    if (text.length > JSON_LD_LIMIT) continue;
    for (const node of topLevelNodes(parseJson(text))) {
      if (asList(node['@type']).includes('Person')) return node;
    }
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // a broken block is page noise, not a reason to fail
  }
}

function topLevelNodes(data: unknown): JsonObject[] {
  return asList(data)
    .filter(isObject)
    .flatMap((item) => (item['@graph'] === undefined ? [item] : asList(item['@graph']).filter(isObject)));
}

/** The first `worksFor` organisation without an end date: a past employer is not the company. */
function currentEmployer(person: JsonObject | null): string | null {
  for (const org of asList(person?.worksFor).filter(isObject)) {
    const role = isObject(org.member) ? org.member : null;
    if (role?.endDate === undefined || role.endDate === null) {
      const name = stringField(org, 'name');
      if (name !== null) return name;
    }
  }
  return null;
}

function addressLocality(person: JsonObject | null): string | null {
  const address = asList(person?.address).find(isObject);
  return address === undefined ? null : stringField(address, 'addressLocality');
}

// ---------------------------------------------------------------------------------------------

function resolveUrl(href: string | null | undefined, base: URL): URL | null {
  if (href === null || href === undefined) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * The identity, or null without a name. Fields are already cleaned and capped to the schema's
 * limits; the schema itself is applied by the background, so zod stays out of the page's bundle.
 */
function toIdentity(fields: PageFields): ProspectIdentity | null {
  if (fields.name === null) return null;
  return {
    site: 'linkedin',
    key: profileKey(fields.slug),
    url: canonicalProfileUrl(fields.slug),
    name: fields.name,
    headline: fields.headline,
    company: fields.company,
    location: fields.location,
  };
}

/**
 * Never reads the hidden `<code>` API blobs: after in-app navigation they describe other people.
 * The logged-in top card wins when present; otherwise the public layout's metadata.
 */
function identifyProfile(doc: Document, url: URL): ProspectIdentity | null {
  const path = parseProfilePath(url);
  if (path === null) return null;
  const card = doc.querySelector(MEMBER.topCard);
  const fields = card === null ? readPublicPage(doc, url, path) : readMemberPage(card, url, path);
  return fields === null ? null : toIdentity(fields);
}

export const linkedinAdapter: SiteAdapter = {
  site: 'linkedin',
  // Every LinkedIn page, not just /in/: the site navigates in-app, so the content script must
  // already be running when the user moves from the feed to a profile.
  matches: [...LINKEDIN_PATTERNS],
  isProfileUrl,
  identify(doc, url) {
    try {
      return identifyProfile(doc, url);
    } catch {
      return null; // last line of defence: a page must never break the content script
    }
  },
};
