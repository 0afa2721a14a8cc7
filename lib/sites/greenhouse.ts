/**
 * Greenhouse Recruiting: who is on a candidate's profile, application or app-review page.
 *
 * Tested on (tests/unit/sites/greenhouse.test.ts and ats-fixtures.test.ts), hand-made pages in
 * tests/fixtures/ats/greenhouse built from ../shared/fixtures/ats/EVIDENCE.md:
 * - https://app.greenhouse.io/people/4521?application_id=9001        profile-rendered.html
 * - https://app4.greenhouse.io/people/12345004/applications/67890004  profile-empty-shell.html (stand-in)
 * - https://acme.greenhouse.io/applications/review/app_review?…       app-review.html
 * - https://app.greenhouse.io/people?…                                list.html (null)
 * and the missing-fields and hostile-name pages. Selectors: ./greenhouse-selectors.ts.
 *
 * Key `greenhouse:<personId>` (DESIGN.md): the same person on app, app2…app5, app.eu or a
 * company subdomain. Ids are digits, kept whole as text (app4's end in …004; a number would
 * round ids past 2^53).
 */
import { fieldText, FIELD_MAX } from './text';
import { GREENHOUSE_PATTERNS, isSiteProfileUrl } from './hosts';
import { APP_REVIEW, PROFILE } from './greenhouse-selectors';
import { candidateIdentity, contactsIn, hrefUrl, neverThrows, NOTHING_READ, type CandidateRef } from './candidate-page';
import type { SiteAdapter } from './types';

const PERSON_ID = /^\d{1,20}$/;
/** Query keys that name the person on any route (the interview kit, scorecards, older links). */
const PERSON_QUERY_KEYS = ['person_id', 'candidate_id'];

/**
 * What a Greenhouse URL names: the person's id when the URL carries it, and whether it is the
 * app-review page, which shows one application whose person is named only in its header link.
 */
export interface GreenhouseRoute {
  personId: string | null;
  appReview: boolean;
}

export function greenhouseRoute(url: URL): GreenhouseRoute | null {
  // Only the site's own https pages, no port or credentials: the URL that would be stored.
  if (!isSiteProfileUrl('greenhouse', url.href)) return null;
  const [, first, second, third, fourth] = url.pathname.split('/');
  const appReview = first === 'applications' && second === 'review' && (third?.startsWith('app_review') ?? false);
  // `/people?person_id=…` is the list filtered, not one person's page.
  const personId = pathPersonId(first, second, third, fourth) ?? (first === 'people' ? null : queryPersonId(url));
  return personId === null && !appReview ? null : { personId, appReview };
}

/** `/people/<id>[/applications/<aid>[/redesign]]` or `/guides/<g>/people/<id>/interview`. */
function pathPersonId(first?: string, second?: string, third?: string, fourth?: string): string | null {
  if (first === 'people' && second !== undefined && PERSON_ID.test(second)) return second;
  if (first === 'guides' && third === 'people' && fourth !== undefined && PERSON_ID.test(fourth)) return fourth;
  return null;
}

function queryPersonId(url: URL): string | null {
  for (const key of PERSON_QUERY_KEYS) {
    const value = url.searchParams.get(key);
    if (value !== null && PERSON_ID.test(value)) return value;
  }
  return null;
}

/** A candidate page shows one person: a person id in the URL, or the app-review page. */
export function isProfileUrl(url: URL): boolean {
  return greenhouseRoute(url) !== null;
}

/** The key and canonical URL, on the host the page was seen on (an app4 person lives on app4). */
export function greenhouseRef(host: string, personId: string): CandidateRef {
  return { site: 'greenhouse', id: personId, key: `greenhouse:${personId}`, url: `https://${host}/people/${personId}` };
}

/** The person a link points to, when it is a Greenhouse person link. */
function linkedPersonId(link: Element | null, base: URL): string | null {
  const target = hrefUrl(link?.getAttribute('href') ?? null, base);
  const route = target === null ? null : greenhouseRoute(target);
  return route?.personId ?? null;
}

function readAppReview(doc: Document, url: URL, route: GreenhouseRoute) {
  const root = doc.querySelector(APP_REVIEW.root);
  const header = root?.querySelector(APP_REVIEW.header) ?? null;
  const link = header?.querySelector(APP_REVIEW.personLink) ?? null;
  const personId = linkedPersonId(link, url);
  const urlOnly = route.personId === null ? null : candidateIdentity(greenhouseRef(url.hostname, route.personId), NOTHING_READ);
  // Not rendered yet, or still the previous application's header after a route change.
  if (header === null || personId === null || (route.personId !== null && personId !== route.personId)) return urlOnly;
  return candidateIdentity(greenhouseRef(url.hostname, personId), {
    ...NOTHING_READ,
    name: fieldText(link, FIELD_MAX.name),
    ...contactsIn(header, url, PROFILE.emailText, null),
  });
}

/** The newer profile is read inside its person column; the older one page-wide. */
function readProfile(doc: Document, url: URL, personId: string) {
  const column = doc.querySelector(PROFILE.column);
  const inColumn = (selector: string, max: number) => fieldText(column?.querySelector(selector) ?? null, max);
  const name = inColumn(PROFILE.columnName, FIELD_MAX.name) ?? fieldText(doc.querySelector(PROFILE.olderName), FIELD_MAX.name) ?? ownNameLink(doc, url, personId);
  return candidateIdentity(greenhouseRef(url.hostname, personId), {
    name,
    headline: inColumn(PROFILE.headline, FIELD_MAX.headline),
    company: inColumn(PROFILE.company, FIELD_MAX.company),
    location: inColumn(PROFILE.location, FIELD_MAX.location),
    ...contactsIn(column ?? doc, url, PROFILE.emailText, null),
  });
}

/** The text of a candidate link that points to this person (the same link class also lists others). */
function ownNameLink(doc: Document, url: URL, personId: string): string | null {
  for (const link of doc.querySelectorAll(PROFILE.nameLink)) {
    if (linkedPersonId(link, url) === personId) return fieldText(link, FIELD_MAX.name);
  }
  return null;
}

export const greenhouseAdapter: SiteAdapter = {
  site: 'greenhouse',
  matches: [...GREENHOUSE_PATTERNS],
  isProfileUrl,
  identify: neverThrows((doc, url) => {
    const route = greenhouseRoute(url);
    if (route === null) return null;
    if (route.appReview) return readAppReview(doc, url, route);
    return route.personId === null ? null : readProfile(doc, url, route.personId);
  }),
};
