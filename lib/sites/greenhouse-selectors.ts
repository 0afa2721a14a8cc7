/**
 * Every selector the Greenhouse adapter uses, in one place (CONVENTIONS.md items 2–3), each with
 * its source and the date it was seen (../shared/fixtures/ats/EVIDENCE.md). No real Greenhouse
 * page is public: the fixtures in tests/fixtures/ats/greenhouse are hand-made from this evidence.
 * A selector that stops matching costs a field (or the name: a stand-in is shown), never the
 * person, who is keyed from the URL.
 */

/** App review (`/applications/review/app_review…`), React, 2023–2025 (canonical/greenhouse-browser-scripts, MIT). */
export const APP_REVIEW = {
  /** The review's root: a `data-provides` hook Greenhouse's own code uses, stable across the scripts' two years. */
  root: 'div[data-provides="app-review"]',
  /**
   * The candidate's name, linked to `/people/<id>?application_id=<id>` in the review's header:
   * the only place this page gives the person's id. Swapped in after load, so an identify before
   * it renders gives null (no id yet), and the watcher tries again on the next DOM change.
   */
  personLink: 'header a[href*="people"]',
} as const;

/** Candidate profile (`/people/<id>…`). */
export const PROFILE = {
  /**
   * The name: `.person-name` on the older server-rendered profile (fieldbook/blindaudition, MIT,
   * 2018), `.person-info-column .name` on the newer one (a blinding script, 2020s, repository not
   * identified). Plain class names, not hashes.
   */
  name: ['.person-name', '.person-info-column .name'],
  /**
   * The name as a link to the person, with a hashed styled-components class (`item__CandidateLink-sc-…`),
   * matched by its stable prefix (same unidentified script). Also used in lists, so it counts only
   * when its `href` names this person.
   */
  nameLink: 'a[class*="item__CandidateLink"]',
  /** Email shown as text: `.contact-item .email-candidate-icon` (2018), `.contact-info-item > a` (newer). */
  emailText: '.contact-item .email-candidate-icon, .contact-info-item > a',
  /**
   * Title, company and location: the API's candidate has them; the field classes inside the
   * evidenced `.person-info-column` are assumed (hand-made fixtures), scoped to that column so a
   * wrong guess gives null, never someone else's text.
   */
  headline: '.person-info-column .title',
  company: '.person-info-column .company',
  location: '.person-info-column .location',
} as const;
