/**
 * What the four ATS adapters (Greenhouse, Lever, Ashby, Workable) share: turning "the candidate
 * this URL names" plus whatever the page shows into an identity. Pure and zod-free (content
 * scripts stay small); the background validates the identity with the schema.
 */
import type { ProfileRef, ProspectIdentity, SiteId } from '@/lib/model/identity';
import { emailsIn, linkedInRefsIn, standInName } from './page-links';
import type { SiteAdapter } from './types';

/** Lever's and Ashby's ids, lower-cased before the test (uuids are case-insensitive). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The candidate a URL names: enough for an identity even when the page shows nothing yet. */
export interface CandidateRef {
  site: SiteId;
  /** The site's id as it appears in the key (shortened for the stand-in name). */
  id: string;
  key: string;
  /** Canonical https address on the site's own hosts (passes `isSiteProfileUrl`). */
  url: string;
}

/** What the page shows about that candidate; every field may be missing. */
export interface CandidateFields {
  name: string | null;
  headline: string | null;
  company: string | null;
  location: string | null;
  emails: string[];
  sameAs: ProfileRef[];
}

export const NOTHING_READ: CandidateFields = { name: null, headline: null, company: null, location: null, emails: [], sameAs: [] };

/**
 * The identity of `ref` with what was read. No name (not rendered yet, a selector that stopped
 * matching, a blind-review pseudonym) gives the stand-in "Candidate 4521 on Greenhouse", marked
 * so it is shown but never stored as the person's name.
 */
export function candidateIdentity(ref: CandidateRef, fields: CandidateFields): ProspectIdentity {
  const { name, headline, company, location, emails, sameAs } = fields;
  const shown = name === null ? { name: standInName(ref.site, ref.id), nameIsStandIn: true } : { name };
  return { site: ref.site, key: ref.key, url: ref.url, ...shown, headline, company, location, emails, sameAs };
}

/**
 * Emails and the LinkedIn link shown in `root`, minus those shown inside `exclude` (a list of
 * other candidates beside the open one). The LinkedIn link counts only when it is the only one:
 * two distinct profiles mean the page shows other people too (a referrer, a duplicate), and
 * joining the candidate to the wrong person is worse than not joining. One query per kind of
 * link, not a selector list: Chromium runs `a[href^=…], a[href*=…]` over a 2 MB page in about
 * 1.3 ms, each alone in 0.4 ms (bench/adapters.ts).
 */
export function contactsIn(root: ParentNode, base: URL, textSelector: string | undefined, exclude: ParentNode | null): Pick<CandidateFields, 'emails' | 'sameAs'> {
  const emails = emailsIn(root, textSelector);
  const profiles = linkedInRefsIn(root, base, 6);
  if (exclude === null) return { emails, sameAs: profiles.length === 1 ? profiles : [] };
  const otherEmails = new Set(emailsIn(exclude, textSelector));
  const otherProfiles = new Set(linkedInRefsIn(exclude, base, 6).map((ref) => ref.key));
  const own = profiles.filter((ref) => !otherProfiles.has(ref.key));
  return { emails: emails.filter((email) => !otherEmails.has(email)), sameAs: own.length === 1 ? own : [] };
}

/** Resolves an `href` against the page, or null for one that does not parse. */
export function hrefUrl(href: string | null, base: URL): URL | null {
  if (href === null) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * An adapter's `identify` that never throws: a hostile or half-built page must never break the
 * content script, so an unexpected error is "no person" (the watcher tries again on the next change).
 */
export function neverThrows(identify: SiteAdapter['identify']): SiteAdapter['identify'] {
  return (doc, url) => {
    try {
      return identify(doc, url);
    } catch {
      return null;
    }
  };
}
