/**
 * LinkedIn Recruiter: who is on `www.linkedin.com/talent/…/profile/<id>` (full page, the drawer
 * over search results, `/messages` and `/inmail` tabs) and the legacy
 * `/recruiter/profile/<memberId>,<token>,CAP`.
 *
 * Tested on (tests/unit/sites/linkedin-recruiter.test.ts) hand-made pages built from
 * ../shared/fixtures/ats/EVIDENCE.md ("LinkedIn Recruiter"), in tests/fixtures/ats/linkedin-recruiter:
 * - https://www.linkedin.com/talent/profile/AEMAAAB1xYzQ2rEcruiTer0nE              profile-rendered.html
 * - https://www.linkedin.com/talent/hire/…/discover/recruiterSearch/profile/<id>  drawer-over-search.html
 * - https://www.linkedin.com/talent/profile/<id>                                  empty-shell.html (stand-in)
 * - https://www.linkedin.com/talent/hire/…/discover/recruiterSearch?…             search-list.html (null)
 * - missing-fields.html, hostile-name.html
 * Selectors: ./linkedin-recruiter-selectors.ts. An Ember app: its first HTML is an empty shell,
 * so a profile URL whose page shows nobody (yet) is identified from the URL with a stand-in name.
 */
import type { ProfileRef, ProspectIdentity } from '@/lib/model/identity';
import { isLinkedInUrl } from './linkedin';
import { HIDDEN_NAME, RECRUITER } from './linkedin-recruiter-selectors';
import { emailFromMailto, emailsIn, linkedInRefFromHref, linkedInRefsIn, normaliseEmail, standInName } from './page-links';
import { FIELD_MAX, fieldText } from './text';
import type { SiteAdapter } from './types';

/** Which Recruiter profile a URL names: its key's id and the URL Tandem stores for it. */
export interface RecruiterProfilePath {
  /** The opaque profile id (`AEMAA…`, case-sensitive), or a legacy URL's numeric member id. */
  id: string;
  url: string;
}

/** Recruiter's opaque profile ids are base64url-like (`AEMAA…`); case matters, so never lower-cased. */
const PROFILE_ID = /^[A-Za-z0-9_-]{6,100}$/;
/** Tabs of one profile (EVIDENCE.md); any other segment after the id is not known to show that person. */
const PROFILE_TABS = new Set(['messages', 'inmail']);
/** `<memberId>,<token>,CAP`: the token is per link, so only the member id makes the key. */
const LEGACY_PROFILE = /^(\d{1,20}),[A-Za-z0-9_-]{1,200},CAP$/;

/** The profile a `/talent/…/profile/<id>[/messages|/inmail]` or legacy `/recruiter/profile/…` URL names. */
export function parseRecruiterPath(url: URL): RecruiterProfilePath | null {
  if (!isLinkedInUrl(url)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments[0] === 'talent') {
    const at = segments.lastIndexOf('profile');
    const id = at < 0 ? undefined : segments[at + 1];
    const rest = segments.slice(at + 2);
    if (id === undefined || !PROFILE_ID.test(id) || rest.length > 1 || (rest[0] !== undefined && !PROFILE_TABS.has(rest[0]))) return null;
    return { id, url: `https://www.linkedin.com/talent/profile/${id}` };
  }
  if (segments[0] === 'recruiter' && segments[1] === 'profile' && segments.length === 3) {
    const segment = safeDecode(segments[2]!);
    const memberId = segment === null ? undefined : LEGACY_PROFILE.exec(segment)?.[1];
    if (memberId === undefined) return null;
    // The whole segment: its token is what opens the profile (its characters need no escaping).
    return { id: memberId, url: `https://www.linkedin.com/recruiter/profile/${segment!}` };
  }
  return null;
}

function safeDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Recruiter's own pages on LinkedIn's hosts: the talent app and the legacy recruiter pages. */
export const RECRUITER_PATTERNS = ['https://*.linkedin.com/talent/*', 'https://*.linkedin.com/recruiter/*'];

export function recruiterProfileKey(id: string): string {
  return `linkedin-recruiter:${id}`;
}

/** The profile's root and top card: inside the drawer when one is open, since the list beneath shows others. */
function topCardOf(doc: Document): { profile: Element; card: Element } | null {
  const scope: ParentNode = doc.querySelector(RECRUITER.drawer) ?? doc;
  const profile = scope.querySelector(RECRUITER.profile);
  const card = profile?.querySelector(RECRUITER.topCard);
  return profile && card ? { profile, card } : null;
}

/**
 * Whether the top card's own links name another Recruiter profile than the URL: after in-app
 * navigation (the drawer over search results above all) the URL changes before the card.
 */
function cardShowsAnother(card: Element, url: URL, id: string): boolean {
  const ids = new Set<string>();
  for (const link of card.querySelectorAll(RECRUITER.ownProfileLinks)) {
    const href = link.getAttribute('href');
    const target = href === null || !URL.canParse(href, url) ? null : parseRecruiterPath(new URL(href, url));
    if (target) ids.add(target.id);
  }
  return ids.size > 0 && !(ids.size === 1 && ids.has(id));
}

/** The contact card's addresses: each hook's `mailto:` (on it or inside it) or its text. */
function contactEmails(profile: Element): string[] {
  const found = new Set<string>();
  for (const el of profile.querySelectorAll(RECRUITER.contactEmail)) {
    const own = emailFromMailto(el.getAttribute('href')) ?? normaliseEmail(fieldText(el, 320));
    for (const email of [own, ...emailsIn(el)]) if (email) found.add(email);
  }
  return [...found].slice(0, 10);
}

/** The person's public `/in/` profile; none when the hooks name two people (a wrong link would join two people). */
function publicProfile(profile: Element, base: URL): ProfileRef[] {
  const refs = new Map<string, ProfileRef>();
  for (const el of profile.querySelectorAll(RECRUITER.publicProfileLink)) {
    const href = el.getAttribute('href');
    const found = href === null ? linkedInRefsIn(el, base) : [linkedInRefFromHref(href, base)];
    for (const ref of found) if (ref) refs.set(ref.key, ref);
  }
  return refs.size === 1 ? [...refs.values()] : [];
}

function identifyRecruiter(doc: Document, url: URL): ProspectIdentity | null {
  const path = parseRecruiterPath(url);
  if (path === null) return null;
  const page = { site: 'linkedin-recruiter' as const, key: recruiterProfileKey(path.id), url: path.url };
  const standIn = { name: standInName('linkedin-recruiter', path.id), nameIsStandIn: true };
  const found = topCardOf(doc);
  // Nothing rendered yet (the Ember shell, a drawer still opening) or still the previous person's card.
  if (found === null || cardShowsAnother(found.card, url, path.id)) return { ...page, ...standIn, headline: null, company: null, location: null };
  const { profile, card } = found;
  const name = fieldText(card.querySelector(RECRUITER.name), FIELD_MAX.name);
  const emails = contactEmails(profile);
  const sameAs = publicProfile(profile, url);
  return {
    ...page,
    ...(name === null || HIDDEN_NAME.test(name) ? standIn : { name }),
    headline: fieldText(card.querySelector(RECRUITER.headline), FIELD_MAX.headline),
    company: fieldText(card.querySelector(RECRUITER.currentCompany), FIELD_MAX.company),
    location: fieldText(card.querySelector(RECRUITER.location), FIELD_MAX.location),
    ...(emails.length > 0 ? { emails } : {}),
    ...(sameAs.length > 0 ? { sameAs } : {}),
  };
}

/** A page that shows one Recruiter profile (lists, searches and projects do not). */
export function isRecruiterProfileUrl(url: URL): boolean {
  return parseRecruiterPath(url) !== null;
}

export const linkedinRecruiterAdapter: SiteAdapter = {
  site: 'linkedin-recruiter',
  // Recruiter lives on www.linkedin.com, under LinkedIn's own content script, which picks the
  // adapter per URL (this one must come before LinkedIn's in lib/sites).
  matches: RECRUITER_PATTERNS,
  isProfileUrl: isRecruiterProfileUrl,
  identify(doc, url) {
    try {
      return identifyRecruiter(doc, url);
    } catch {
      return null; // a page must never break the content script
    }
  },
};
