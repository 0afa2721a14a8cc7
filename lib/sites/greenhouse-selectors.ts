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
   * The review's header, about the candidate. Contacts are read only here: the rest of the review
   * is the application's answers, which may link other people (references, a portfolio's author).
   */
  header: 'header',
  /**
   * Inside the header: the candidate's name, linked to `/people/<id>?application_id=<id>`:
   * the only place this page gives the person's id. Swapped in after load, so an identify before
   * it renders gives null (no id yet), and the watcher tries again on the next DOM change.
   */
  personLink: 'a[href*="people"]',
} as const;

/** Candidate profile (`/people/<id>…`). */
export const PROFILE = {
  /**
   * The newer profile's column about the person (`.person-info-column`, a blinding script, 2020s,
   * repository not identified). When it is there, everything is read inside it: a few hundred
   * elements instead of a 2 MB page, and nothing from the activity feed or the lists beside it.
   */
  column: '.person-info-column',
  /** Inside the column: the name (`.person-info-column .name`, same script). */
  columnName: '.name',
  /**
   * Inside the column: title, company and location. The API's candidate has them; these class
   * names are assumed (hand-made fixtures), and scoped to the column so a wrong guess gives null,
   * never someone else's text.
   */
  headline: '.title',
  company: '.company',
  location: '.location',
  /** The older server-rendered profile's name, `.person-name` (fieldbook/blindaudition, MIT, 2018), read page-wide. */
  olderName: '.person-name',
  /**
   * The name as a link to the person, with a hashed styled-components class (`item__CandidateLink-sc-…`),
   * matched by its stable prefix (the same unidentified script). Also used in lists, so it counts
   * only when its `href` names this person.
   */
  nameLink: 'a[class*="item__CandidateLink"]',
  /** Email shown as text: `.contact-item .email-candidate-icon` (2018), `.contact-info-item > a` (newer). */
  emailText: '.contact-item .email-candidate-icon, .contact-info-item > a',
} as const;
