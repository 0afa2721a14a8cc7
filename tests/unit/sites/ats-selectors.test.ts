import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nameLinksFor } from '@/lib/sites/ashby-selectors';
import { APP_REVIEW, PROFILE } from '@/lib/sites/greenhouse-selectors';
import { TITLE } from '@/lib/sites/lever-selectors';
import { NAME, RESULTS } from '@/lib/sites/workable-selectors';
import { inertParser } from '../../support/inert-dom';

/**
 * Each selector against the fixture pages it was written for, with how many elements it must
 * match there (CONVENTIONS.md item 11): when a site's markup is re-captured and a selector stops
 * matching, this names the selector, not just "wrong identity".
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ats');
const inert = inertParser();
afterAll(() => inert.close());
const doc = (site: string, file: string) => inert.parse(readFileSync(path.join(FIXTURES, site, file), 'utf8'));

const ASHBY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const [ashbyExact, ashbyWithQuery] = nameLinksFor(ASHBY_ID);

const CASES: [name: string, site: string, file: string, selector: string, count: number][] = [
  ['greenhouse APP_REVIEW.root', 'greenhouse', 'app-review.html', APP_REVIEW.root, 1],
  ['greenhouse APP_REVIEW.header', 'greenhouse', 'app-review.html', `${APP_REVIEW.root} ${APP_REVIEW.header}`, 1],
  ['greenhouse APP_REVIEW.personLink', 'greenhouse', 'app-review.html', `${APP_REVIEW.root} ${APP_REVIEW.header} ${APP_REVIEW.personLink}`, 1],
  ['greenhouse APP_REVIEW.personLink before render', 'greenhouse', 'app-review-before-render.html', `${APP_REVIEW.root} ${APP_REVIEW.header} ${APP_REVIEW.personLink}`, 0],
  ['greenhouse PROFILE.column', 'greenhouse', 'profile-rendered.html', PROFILE.column, 1],
  ['greenhouse PROFILE.columnName', 'greenhouse', 'profile-rendered.html', `${PROFILE.column} ${PROFILE.columnName}`, 1],
  ['greenhouse PROFILE.headline', 'greenhouse', 'profile-rendered.html', `${PROFILE.column} ${PROFILE.headline}`, 1],
  ['greenhouse PROFILE.company', 'greenhouse', 'profile-rendered.html', `${PROFILE.column} ${PROFILE.company}`, 1],
  ['greenhouse PROFILE.location', 'greenhouse', 'profile-rendered.html', `${PROFILE.column} ${PROFILE.location}`, 1],
  ['greenhouse PROFILE.emailText (newer)', 'greenhouse', 'profile-rendered.html', PROFILE.emailText, 3],
  ['greenhouse PROFILE.olderName', 'greenhouse', 'profile-missing-fields.html', PROFILE.olderName, 1],
  ['greenhouse PROFILE.emailText (older)', 'greenhouse', 'profile-hostile-name.html', PROFILE.emailText, 1],
  ['greenhouse PROFILE.nameLink', 'greenhouse', 'list.html', PROFILE.nameLink, 3],
  ['ashby name link', 'ashby', 'candidate-rendered.html', ashbyExact!, 1],
  ['ashby name link with a query', 'ashby', 'candidate-rendered.html', ashbyWithQuery!, 0],
  ['ashby name link (blind review shows the pseudonym there)', 'ashby', 'blind-review.html', ashbyExact!, 1],
  ['workable NAME', 'workable', 'browser-candidate.html', NAME, 3],
  ['workable RESULTS', 'workable', 'browser-candidate.html', RESULTS, 1],
  ['workable NAME (profile, unlinked)', 'workable', 'candidate-missing-fields.html', NAME, 1],
];

describe('ATS selectors on the pages they were written for', () => {
  it.each(CASES)('%s: %s/%s', (_name, site, file, selector, count) => {
    expect(doc(site, file).querySelectorAll(selector)).toHaveLength(count);
  });

  it.each([
    ['candidate-rendered.html', 'Margaret Hamilton'],
    ['candidate-missing-fields.html', 'Katherine Johnson'],
    ['list.html', 'Candidates'],
    ['candidate-empty-shell.html', null],
  ])('lever TITLE: %s', (file, name) => {
    expect(TITLE.exec(doc('lever', file).title)?.[1] ?? null).toBe(name);
  });
});
