/**
 * What the Lever adapter reads off a page, in one place (CONVENTIONS.md items 2–3), with its
 * source and date (../shared/fixtures/ats/EVIDENCE.md). Lever Hire is a client-rendered app and
 * no DOM selector of its candidate page is public, so the name comes from the tab title and the
 * contacts from link targets (`mailto:`, `linkedin.com/in/`), which need no class name at all.
 */

/**
 * The tab title, `<Full Name> – Lever Hire` with an en dash (range-labs/range-sync, Apache-2.0,
 * 2022, which splits on the en dash). A hyphen or em dash is accepted too: a title rewritten by
 * a browser or an older build. The dash must have spaces around it, so "Mary-Jane Doe" stays whole.
 * The bare "Lever Hire" of a page still loading does not match: the stand-in is shown.
 */
export const TITLE = /^(.*\S)\s+[–—-]\s+Lever Hire$/su;

/**
 * Titles of Lever's own sections, which take the same `<X> – Lever Hire` form. Opening a
 * candidate from the list changes the URL before the title, so for a moment a candidate URL has
 * the list's title: such a title is never taken as a name (the stand-in is shown until the
 * candidate's title arrives). The section names are those of Lever's navigation (assumed).
 */
export const SECTION_TITLE = /^(?:candidates|interviews|requisitions|postings|jobs|reports|settings|home|inbox|tasks|feedback|search|opportunities)$/iu;
