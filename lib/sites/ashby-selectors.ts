/**
 * What the Ashby adapter reads off a page, in one place (CONVENTIONS.md items 2–3), with its
 * source and date (../shared/fixtures/ats/EVIDENCE.md). Ashby is fully client-rendered from an
 * internal GraphQL API and no DOM selector of its candidate page is public (checked 2026-11), so
 * this adapter trusts only signals that carry the candidate's own id or cannot be mistaken.
 */

/**
 * The name: the text of a link to this candidate's own page, `…candidates/<uuid>` (the id filled
 * in at run time from the URL, where it was checked to be a uuid), or the same with a query.
 * Assumed (hand-made fixtures): Ashby's panels link a candidate's name to their profile, and
 * because the link names the uuid it can never be another candidate's name from a list beside
 * it or from the previous route. Links to sub-pages (`…/<uuid>/feed`: tabs such as "Activity")
 * are not names, so they do not match. Two selectors tried in turn, not one selector list: a list
 * of attribute selectors costs Chromium three times as much on a 2 MB page (bench/adapters.ts).
 */
export const nameLinksFor = (candidateId: string) => [`a[href$="candidates/${candidateId}"]`, `a[href*="candidates/${candidateId}?"]`];

/**
 * Blind review. In blind review Ashby shows a pseudonym where the name would be, and a pseudonym
 * looks like a name, so text alone cannot tell them apart. The sturdy signal is the route: blind
 * review happens in application review (`/candidates/pipeline/application-review/…`, the route
 * in EVIDENCE.md), so no name is read on it at all; the stand-in is shown and the real name
 * arrives when the person is opened on their own page. A non-blind review shows the stand-in
 * too: a missing name costs nothing stored, a pseudonym stored as a name would be wrong everywhere.
 */
export const BLIND_REVIEW_SEGMENT = 'application-review';

/**
 * A second line of defence on any route: names that are how anonymised candidates are labelled
 * ("Candidate 12", "Anonymous Candidate", "Applicant #7") are never taken as the person's.
 */
export const PSEUDONYM = /^(?:anonymous|anonymi[sz]ed|candidate|applicant|redacted|hidden)\b/iu;
