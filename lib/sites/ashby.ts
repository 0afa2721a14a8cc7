/**
 * Ashby: who is on a candidate page, including the nested routes of the pipeline's side panels.
 *
 * Tested on (tests/unit/sites/ashby.test.ts and ats-fixtures.test.ts), hand-made pages in
 * tests/fixtures/ats/ashby built from ../shared/fixtures/ats/EVIDENCE.md:
 * - https://app.ashbyhq.com/candidates/7c9e6679-…                                   candidate-rendered.html
 * - https://app.ashbyhq.com/candidates/7c9e6679-…                                   candidate-empty-shell.html (stand-in)
 * - https://app.ashbyhq.com/candidates/pipeline/application-review/right-side/candidates/<cid>/applications/<aid>/feed
 *                                                                                   blind-review.html (stand-in, never the pseudonym)
 * - https://app.ashbyhq.com/candidates/pipeline/active                             list.html (null)
 * and the missing-fields and hostile-name pages. Selectors: ./ashby-selectors.ts.
 *
 * Key `ashby:<candidateId>` (DESIGN.md): the last `candidates/<uuid>` segment, lower-cased.
 */
import { fieldText, FIELD_MAX } from './text';
import { ASHBY_PATTERNS, isSiteProfileUrl } from './hosts';
import { BLIND_REVIEW_SEGMENT, nameLinksFor, PSEUDONYM } from './ashby-selectors';
import { candidateIdentity, contactsIn, neverThrows, UUID, type CandidateRef } from './candidate-page';
import type { SiteAdapter } from './types';

/** The candidate an Ashby URL names: the uuid after the last `candidates` segment, or null. */
export function ashbyCandidateId(url: URL): string | null {
  // Only the site's own https pages, no port or credentials: the URL that would be stored.
  if (!isSiteProfileUrl('ashby', url.href)) return null;
  const segments = url.pathname.split('/');
  const at = segments.lastIndexOf('candidates');
  const id = at < 0 ? undefined : segments[at + 1]?.toLowerCase();
  return id !== undefined && UUID.test(id) ? id : null;
}

export function isProfileUrl(url: URL): boolean {
  return ashbyCandidateId(url) !== null;
}

export function ashbyRef(candidateId: string): CandidateRef {
  return { site: 'ashby', id: candidateId, key: `ashby:${candidateId}`, url: `https://app.ashbyhq.com/candidates/${candidateId}` };
}

/** The name on a link to this candidate, unless the route is blind review or the text is a pseudonym. */
function ownName(doc: Document, url: URL, candidateId: string): string | null {
  if (url.pathname.split('/').includes(BLIND_REVIEW_SEGMENT)) return null;
  for (const selector of nameLinksFor(candidateId)) {
    for (const link of doc.querySelectorAll(selector)) {
      const name = fieldText(link, FIELD_MAX.name);
      if (name !== null) return PSEUDONYM.test(name) ? null : name;
    }
  }
  return null;
}

export const ashbyAdapter: SiteAdapter = {
  site: 'ashby',
  matches: [...ASHBY_PATTERNS],
  isProfileUrl,
  identify: neverThrows((doc, url) => {
    const id = ashbyCandidateId(url);
    if (id === null) return null;
    return candidateIdentity(ashbyRef(id), { name: ownName(doc, url, id), headline: null, company: null, location: null, ...contactsIn(doc, url, undefined, null) });
  }),
};
