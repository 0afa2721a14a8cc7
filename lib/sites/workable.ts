/**
 * Workable: who is on a candidate page of an account (`<account>.workable.com/backend/…`).
 *
 * Tested on (tests/unit/sites/workable.test.ts and ats-fixtures.test.ts), hand-made pages in
 * tests/fixtures/ats/workable built from ../shared/fixtures/ats/EVIDENCE.md:
 * - https://acme.workable.com/backend/jobs/4087255/browser/applied/candidate/370715911   browser-candidate.html
 * - https://acme.workable.com/backend/candidates/370715911?tab=timeline                 candidate-empty-shell.html (stand-in)
 * - https://acme.workable.com/backend/jobs/4087255/browser/applied                      list.html (null)
 * and the missing-fields and hostile-name pages. Selectors: ./workable-selectors.ts.
 *
 * Key `workable:<account>:<candidateId>` (DESIGN.md): candidate ids are the account's own, so
 * the account is part of the key. Both are lower-cased (host names are case-insensitive; ids
 * are digits).
 */
import { fieldText, FIELD_MAX } from './text';
import { WORKABLE_PATTERNS, isSiteProfileUrl } from './hosts';
import { NAME, RESULTS } from './workable-selectors';
import { candidateIdentity, contactsIn, hrefUrl, neverThrows, NOTHING_READ, type CandidateRef } from './candidate-page';
import type { SiteAdapter } from './types';

export interface WorkableCandidate {
  account: string;
  candidateId: string;
}

/** An account name: one DNS label. */
const ACCOUNT = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Workable's candidate ids are numeric in the app's URLs; letters are allowed, but never a word like `new`. */
const CANDIDATE_ID = /^(?=[a-z]*\d)[a-z0-9]{1,40}$/;

/**
 * The candidate a Workable URL names, whatever the shape: `/backend/jobs/<job>/browser/<stage>/candidate/<id>`,
 * `/backend/jobs/<shortcode>/candidates/<id>`, `/backend/candidates/<id>`, with any sub-page,
 * `?tab=…` or `#email`. The id is the segment after the last `candidate` or `candidates`.
 */
export function workableCandidate(url: URL): WorkableCandidate | null {
  // Only the site's own https pages, no port or credentials: the URL that would be stored.
  if (!isSiteProfileUrl('workable', url.href)) return null;
  const labels = url.hostname.split('.');
  const account = labels[0] ?? '';
  if (labels.length !== 3 || !ACCOUNT.test(account)) return null;
  const segments = url.pathname.split('/');
  if (segments[1] !== 'backend') return null;
  const at = Math.max(segments.lastIndexOf('candidate'), segments.lastIndexOf('candidates'));
  const candidateId = at < 0 ? undefined : segments[at + 1]?.toLowerCase();
  return candidateId !== undefined && CANDIDATE_ID.test(candidateId) ? { account, candidateId } : null;
}

export function isProfileUrl(url: URL): boolean {
  return workableCandidate(url) !== null;
}

export function workableRef({ account, candidateId }: WorkableCandidate): CandidateRef {
  return { site: 'workable', id: candidateId, key: `workable:${account}:${candidateId}`, url: `https://${account}.workable.com/backend/candidates/${candidateId}` };
}

/**
 * The open candidate's name: a name hook whose link names this candidate, else (on
 * `/backend/candidates/<id>`, no list beside it) the one name hook outside any link.
 */
function ownName(doc: Document, url: URL, candidate: WorkableCandidate): string | null {
  const unlinked: Element[] = [];
  for (const hook of doc.querySelectorAll(NAME)) {
    const link = hook.closest('a');
    if (link === null) {
      unlinked.push(hook);
      continue;
    }
    // Most links in a long list are to other candidates: skip them before parsing a URL.
    const href = link.getAttribute('href');
    const target = href?.includes(candidate.candidateId) ? hrefUrl(href, url) : null;
    const named = target === null ? null : workableCandidate(target);
    if (named?.account === candidate.account && named.candidateId === candidate.candidateId) return fieldText(hook, FIELD_MAX.name);
  }
  return unlinked.length === 1 ? fieldText(unlinked[0]!, FIELD_MAX.name) : null;
}

export const workableAdapter: SiteAdapter = {
  site: 'workable',
  matches: [...WORKABLE_PATTERNS],
  isProfileUrl,
  identify: neverThrows((doc, url) => {
    const candidate = workableCandidate(url);
    if (candidate === null) return null;
    return candidateIdentity(workableRef(candidate), { ...NOTHING_READ, name: ownName(doc, url, candidate), ...contactsIn(doc, url, undefined, doc.querySelector(RESULTS)) });
  }),
};
