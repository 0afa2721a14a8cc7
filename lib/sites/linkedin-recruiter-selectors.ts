/**
 * Every selector the LinkedIn Recruiter adapter uses, in one place (CONVENTIONS.md items 2–3).
 *
 * No saved Recruiter page exists in public: these hooks are the `data-test-*` attributes that
 * open-source parsers of Recruiter read (../shared/fixtures/ats/EVIDENCE.md, "LinkedIn
 * Recruiter": aidenkeating/linkedin-profile-filter, MIT, and parsers whose repositories were not
 * identified, 2022–2024; search-row markup seen in 2023). `data-test-*` attributes are Ember's
 * test hooks, kept because LinkedIn's own tests select by them; they are still dated. Checked on
 * the hand-made pages in tests/fixtures/ats/linkedin-recruiter (built from that evidence). When
 * none matches, the adapter still identifies the person from the URL with a stand-in name.
 */
export const RECRUITER = {
  /** The profile's root (2022–2024), on the full page and inside the drawer. */
  profile: '[data-test-profile-container]',
  /**
   * The drawer a profile opens in over search results (2022–2024). When it is on the page,
   * only what is inside it is the URL's person: the list beneath shows others.
   */
  drawer: '.profile-slidein__wrapper',
  /**
   * The top card (2022–2024): every field is read inside it, never elsewhere in the profile,
   * because "similar profiles" rows further down reuse the same lockup hooks for other people.
   */
  topCard: '[data-test-topcard-condensed-lockup]',
  /** Inside the top card: the person's name (the same hook names each row of a search list). */
  name: '[data-test-row-lockup-full-name]',
  headline: '[data-test-row-lockup-headline]',
  location: '[data-test-row-lockup-location]',
  currentCompany: '[data-test-topcard-condensed-lockup-current-employer]',
  /**
   * Links in the top card to a Recruiter profile (the name links to the full page; a search
   * row's hook is `data-test-link-to-profile-link`, 2023). They say whose card it is while the
   * drawer still shows the previous person after the URL has changed.
   */
  ownProfileLinks: 'a[href*="/profile/"]',
  /** The contact card's address (2022–2024): a `mailto:` link or its text. */
  contactEmail: '[data-test-contact-email-address]',
  /**
   * The public profile link (href `linkedin.com/in/<slug>`, 2022–2024): what ties a Recruiter
   * profile to the same person's `/in/` page. Only this hook is read, never every `/in/` link on
   * the page (the navigation bar links to the recruiter's own profile).
   */
  publicProfileLink: '[data-test-personal-info-profile-link]',
} as const;

/**
 * The name LinkedIn shows for an out-of-network member whose name Recruiter hides: a
 * placeholder, never a person's name.
 */
export const HIDDEN_NAME = /^LinkedIn Member$/i;
