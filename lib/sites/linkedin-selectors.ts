/**
 * Every selector the LinkedIn adapter uses, in one place (CONVENTIONS.md items 2–3).
 *
 * Each entry names the layout it was checked on (fixtures in ../shared/fixtures/linkedin) and why
 * it is a stable signal. LinkedIn hashes most class names since 2025 (the top card's `h1` class is
 * `xdgwJpx…`), so class names appear here only where the fixtures show the same utility class in
 * both the 2024 and the 2025 layout, and only for optional fields (headline, location): a wrong
 * match there degrades one field, never the person's identity.
 */

/** Logged-in profile (`/in/<slug>/`, 2024-07 and 2025-04 layouts). */
export const MEMBER = {
  /**
   * The profile's top card. `data-member-id` is a data attribute LinkedIn's own scripts read;
   * it is on the same `section` in both layouts while the section's class changed to a hash.
   */
  topCard: 'section[data-member-id]',
  /** Name: the only `h1` in the top card (its class is hashed in 2025, so select by tag). */
  name: 'h1',
  /**
   * Headline: the first `.text-body-medium` block in the top card. A design-system utility
   * class (not hashed) present unchanged in 2024 and 2025; scoped to the top card because the
   * feed and sidebar use it too.
   */
  headline: '.text-body-medium',
  /**
   * Location: the top card's inline small grey span. The three design-system utility classes
   * together are unchanged in 2024 and 2025; `.inline` tells it from the "1st" distance badge,
   * which has the other two.
   */
  location: '.text-body-small.inline.t-black--light',
  /**
   * Current company: the button labelled "Current company: X. Click to skip to experience card".
   * An accessibility label is written for people, so it changes far less often than classes.
   * English UI only; in other languages the company is null rather than guessed.
   */
  currentCompany: '[aria-label^="Current company:"]',
  /**
   * Links inside the top card that carry its person's slug: "Contact info"
   * (`/in/<slug>/overlay/contact-info/`) and the name's own link
   * (`/in/<slug>/overlay/about-this-profile/`). They are rendered with the card, so they tell
   * whose card is on screen even when the address bar already shows the next profile.
   */
  slugLinks: 'a[href*="/overlay/contact-info"], a[href*="/overlay/about-this-profile"]',
} as const;

/** The aria-label wording of `MEMBER.currentCompany`, as it reads on the 2024 and 2025 pages. */
export const CURRENT_COMPANY_LABEL = /^Current company:\s*(.+)\.\s*Click to skip to experience card\.?$/s;

/** Logged-out public profile (`<cc>.linkedin.com/in/<slug>`, 2024-05 layout). */
export const PUBLIC = {
  /** `<link rel=canonical>`: the page's own statement of its URL, meant for search engines. */
  canonical: 'link[rel="canonical"]',
  /** Open Graph URL: read by every link-preview service, so LinkedIn keeps it correct. */
  ogUrl: 'meta[property="og:url"]',
  /** schema.org data (a `Person` in `@graph`): structured, meant for machines, no class names. */
  jsonLd: 'script[type="application/ld+json"]',
  /** Name when JSON-LD has none: the public top card's title (a BEM name, not a hash, in 2024). */
  name: 'h1.top-card-layout__title',
  /** Headline: JSON-LD's `jobTitle` is a different field (the current position), so read the card. */
  headline: 'h2.top-card-layout__headline',
  /**
   * Company when JSON-LD has no current `worksFor`: the top card's company link, found by its
   * tracking data attribute, which LinkedIn's analytics depend on.
   */
  currentCompany: 'a[data-tracking-control-name="public_profile_topcard-current-company"]',
  /** Location when JSON-LD has no address: the first plain span of the top card's subline. */
  location: '.top-card-layout__first-subline .not-first-middot > span:first-child',
} as const;
