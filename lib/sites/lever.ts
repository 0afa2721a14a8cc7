/**
 * Lever: who is on a candidate (opportunity) page of Lever Hire.
 *
 * Tested on (tests/unit/sites/lever.test.ts and ats-fixtures.test.ts), hand-made pages in
 * tests/fixtures/ats/lever built from ../shared/fixtures/ats/EVIDENCE.md:
 * - https://hire.lever.co/candidates/3f2b1c9e-…                 candidate-rendered.html
 * - https://hire.sandbox.lever.co/candidates/3f2b1c9e-…?…      candidate-empty-shell.html (stand-in)
 * - https://hire.lever.co/candidates?stage=…                    list.html (null)
 * and the missing-fields and hostile-name pages. Title pattern: ./lever-selectors.ts.
 *
 * Key `lever:<opportunityId>` (DESIGN.md): the uuid in `/candidates/<uuid>` is an opportunity,
 * so one person with two opportunities has two keys (joined to one person by lib/identity
 * through the LinkedIn link or an email). Uuids are case-insensitive: lower-cased.
 */
import { cleanText, FIELD_MAX } from './text';
import { LEVER_PATTERNS, isSiteProfileUrl } from './hosts';
import { SECTION_TITLE, TITLE } from './lever-selectors';
import { candidateIdentity, contactsIn, neverThrows, NOTHING_READ, UUID, type CandidateRef } from './candidate-page';
import type { SiteAdapter } from './types';

/** The opportunity a Lever URL names (`/candidates/<uuid>[/…]`), lower-cased, or null. */
export function leverOpportunityId(url: URL): string | null {
  // Only the site's own https pages, no port or credentials: the URL that would be stored.
  if (!isSiteProfileUrl('lever', url.href)) return null;
  const [, section, raw] = url.pathname.split('/');
  const id = raw?.toLowerCase();
  return section === 'candidates' && id !== undefined && UUID.test(id) ? id : null;
}

export function isProfileUrl(url: URL): boolean {
  return leverOpportunityId(url) !== null;
}

/** The key and canonical URL, on the host it was seen on (the sandbox's people are the sandbox's). */
export function leverRef(host: string, opportunityId: string): CandidateRef {
  return { site: 'lever', id: opportunityId, key: `lever:${opportunityId}`, url: `https://${host}/candidates/${opportunityId}` };
}

/** How much of the title is read: a name's worth many times over; a hostile title costs no more. */
const TITLE_READ_MAX = 20_000;

/** The name in `<Full Name> – Lever Hire`, unless the title still names one of Lever's own sections. */
function nameFromTitle(title: string): string | null {
  const name = cleanText(TITLE.exec(cleanText(title, TITLE_READ_MAX) ?? '')?.[1], FIELD_MAX.name);
  return name === null || SECTION_TITLE.test(name) ? null : name;
}

export const leverAdapter: SiteAdapter = {
  site: 'lever',
  matches: [...LEVER_PATTERNS],
  isProfileUrl,
  identify: neverThrows((doc, url) => {
    const id = leverOpportunityId(url);
    if (id === null) return null;
    return candidateIdentity(leverRef(url.hostname, id), { ...NOTHING_READ, name: nameFromTitle(doc.title), ...contactsIn(doc, url, undefined, null) });
  }),
};
