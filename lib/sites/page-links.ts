import type { ProfileRef, SiteId } from '@/lib/model/identity';
import { canonicalProfileUrl, parseProfilePath } from './linkedin';
import { SITE_NAMES } from './site-names';

/**
 * What an ATS or Recruiter page says about the person beyond its own key: the LinkedIn `/in/`
 * link and the email addresses it shows. Pure and zod-free (content scripts stay small); the
 * background validates the identity with the schema.
 */

const MAX_EMAILS = 10;
/**
 * The schema's own test (zod's default email pattern, as `Email` in lib/model/member.ts uses it),
 * copied because content scripts stay zod-free. It must not be looser: one address the schema
 * refuses makes the background refuse the whole identity, and the person vanishes from the
 * sidebar (an internationalised domain, a zero-width space in a `mailto:`). The test in
 * tests/unit/sites/page-links.test.ts holds the two together.
 */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const EMAIL_MAX = 254;

/** The LinkedIn profile an `href` points to, as Tandem stores it (vanity slugs only: opaque ids are no stable key). */
export function linkedInRefFromHref(href: string | null | undefined, base: URL): ProfileRef | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  const path = parseProfilePath(url);
  if (path?.kind !== 'vanity') return null;
  return { site: 'linkedin', key: `linkedin:${path.slug}`, url: canonicalProfileUrl(path.slug) };
}

/** Every distinct LinkedIn profile linked from `root`'s anchors (at most `max`, first seen first). */
export function linkedInRefsIn(root: ParentNode, base: URL, max = 5): ProfileRef[] {
  const refs = new Map<string, ProfileRef>();
  for (const anchor of root.querySelectorAll('a[href*="linkedin.com/in/"]')) {
    const ref = linkedInRefFromHref(anchor.getAttribute('href'), base);
    if (ref && !refs.has(ref.key)) refs.set(ref.key, ref);
    if (refs.size >= max) break;
  }
  return [...refs.values()];
}

/** An address as stored: trimmed and lower-cased, or null when it does not look like one. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  return email.length <= EMAIL_MAX && EMAIL.test(email) ? email : null;
}

/** The address of a `mailto:` link (the first recipient, without `?subject=…`), or null. */
export function emailFromMailto(href: string | null | undefined): string | null {
  if (!href || !/^mailto:/i.test(href)) return null;
  const target = href.slice('mailto:'.length).split('?')[0]!.split(',')[0]!;
  try {
    return normaliseEmail(decodeURIComponent(target));
  } catch {
    return null;
  }
}

/**
 * Distinct addresses from `mailto:` links under `root` and from the text of elements matching
 * `textSelector` (contact fields that show the address without a link), at most ten.
 */
export function emailsIn(root: ParentNode, textSelector?: string): string[] {
  const found = new Set<string>();
  for (const anchor of root.querySelectorAll('a[href^="mailto:" i]')) {
    const email = emailFromMailto(anchor.getAttribute('href'));
    if (email) found.add(email);
    if (found.size >= MAX_EMAILS) return [...found];
  }
  if (textSelector) {
    for (const el of root.querySelectorAll(textSelector)) {
      const email = normaliseEmail(el.textContent);
      if (email) found.add(email);
      if (found.size >= MAX_EMAILS) break;
    }
  }
  return [...found];
}

/**
 * "Candidate 4521 on Greenhouse": what the sidebar calls someone whose page has not rendered
 * their name yet. A long id is shortened to its last 6 characters: Recruiter's ids all start
 * "AEMAA", so their starts tell nobody apart, and the end of a UUID is as random as its start.
 */
export function standInName(site: SiteId, id: string): string {
  return `Candidate ${id.length > 12 ? `…${id.slice(-6)}` : id} on ${SITE_NAMES[site]}`;
}
