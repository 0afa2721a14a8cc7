/**
 * Issue 9: one person, one history, across every site, in real Chromium against a real server.
 * A sourcer works on LinkedIn; a recruiter opens the same people in Greenhouse, LinkedIn
 * Recruiter, Lever and Workable (hand-made pages from tests/fixtures/ats, served over local
 * HTTPS as those sites, with the ATS permissions granted at launch).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SidebarPage } from './pages/sidebar';
import { type ExtensionBrowser, launchWithExtension } from './support/chromium';
import { type FixtureServer, startFixtureServer } from './support/fixture-server';
import { openProfile, openRequisition, signInToTeam } from './support/flows';
import { DOCS_DIR, OWN_FIXTURES } from './support/paths';
import { type TeamServer, startTeamServer } from './support/team-server';

const fixture = (site: string, file: string) => readFileSync(path.join(OWN_FIXTURES, 'ats', site, file), 'utf8');

/** A LinkedIn profile page as far as the adapter needs it. */
const linkedInPage = (slug: string, name: string, headline: string, company: string) => `<!doctype html><html><head><title>${name} | LinkedIn</title></head><body><main>
<section data-member-id="${slug.length}"><h1>${name}</h1><div class="text-body-medium">${headline}</div>
<a href="/in/${slug}/overlay/contact-info/">Contact info</a><span>${company}</span></section></main></body></html>`;

const ADA = { name: 'Ada Lovelace', linkedIn: 'https://www.linkedin.com/in/ada-lovelace/' };
const GREENHOUSE_ADA = 'https://app.greenhouse.io/people/4521?application_id=9001';
const RECRUITER_ADA = 'https://www.linkedin.com/talent/profile/AEMAAAB1xYzQ2rEcruiTer0nE';
const MARGARET = { name: 'Margaret Hamilton', linkedIn: 'https://www.linkedin.com/in/margaret-hamilton/' };
const LEVER_MARGARET = 'https://hire.lever.co/candidates/3f2b1c9e-8d7a-4b6c-9e5f-0a1b2c3d4e5f';
const BARBARA = 'Barbara Liskov';
const GREENHOUSE_BARBARA = 'https://app.greenhouse.io/people/4777';
const WORKABLE_BARBARA = 'https://acme.workable.com/backend/jobs/4087255/browser/applied/candidate/370715911';
const ASHBY_ALAN = 'https://app.ashbyhq.com/candidates/7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ASHBY_BLIND_REVIEW = 'https://app.ashbyhq.com/candidates/pipeline/application-review/right-side/candidates/7c9e6679-7425-40de-944b-e07fc1f90ae7/applications/5f4e3d2c-1b0a-4987-8654-3210fedcba98/feed';
const ROLE = 'Flight Software Lead';

let pages: FixtureServer;
let server: TeamServer;
let sourcer: ExtensionBrowser;
let recruiter: ExtensionBrowser;

beforeAll(async () => {
  pages = await startFixtureServer();
  pages.route({ url: ADA.linkedIn, body: linkedInPage('ada-lovelace', ADA.name, 'Principal Engineer', 'Analytical Engines Ltd') });
  pages.route({ url: MARGARET.linkedIn, body: linkedInPage('margaret-hamilton', MARGARET.name, 'Director of Software Engineering', 'MIT Instrumentation Lab') });
  pages.route({ url: GREENHOUSE_ADA, body: fixture('greenhouse', 'profile-rendered.html') });
  // The Recruiter page of the same Ada: her public profile link is what ties the two.
  pages.route({
    url: RECRUITER_ADA,
    body: fixture('linkedin-recruiter', 'profile-rendered.html').replaceAll('Priya Raman', ADA.name).replaceAll('priya-raman-data', 'ada-lovelace').replaceAll('priya.raman@example.org', 'ada@example.com'),
  });
  pages.route({ url: LEVER_MARGARET, body: fixture('lever', 'candidate-rendered.html') });
  // Barbara on Greenhouse with a work address and no LinkedIn link; on Workable with another
  // address at the same company and no link either: only a suggestion can join them.
  pages.route({
    url: GREENHOUSE_BARBARA,
    body: fixture('greenhouse', 'profile-rendered.html')
      .replaceAll(ADA.name, BARBARA)
      .replaceAll('Analytical Engines Ltd', 'MIT CSAIL')
      .replaceAll('Principal Engineer', 'Professor')
      .replaceAll('Ada@Example.com', 'b.liskov@csail.mit.edu')
      .replaceAll('ada.lovelace@work.example', 'b.liskov@csail.mit.edu')
      .replaceAll('https://www.linkedin.com/in/ada-lovelace/', 'https://example.org/barbara'),
  });
  pages.route({
    url: WORKABLE_BARBARA,
    body: fixture('workable', 'browser-candidate.html').replaceAll('barbara@example.com', 'liskov@csail.mit.edu').replaceAll('https://www.linkedin.com/in/barbara-liskov/', 'https://example.org/liskov'),
  });
  pages.route({ url: ASHBY_ALAN, body: fixture('ashby', 'candidate-rendered.html') });
  pages.route({ url: ASHBY_BLIND_REVIEW, body: fixture('ashby', 'blind-review.html') });
  server = await startTeamServer();
  const launch = () => launchWithExtension({ hostResolverRules: pages.hostResolverRules, grantOptionalHosts: true });
  [sourcer, recruiter] = await Promise.all([launch(), launch()]);
  await Promise.all([signInToTeam(sourcer, server, 'sam.sourcer@acme.example', 'sourcer'), signInToTeam(recruiter, server, 'riley.recruiter@acme.example', 'recruiter')]);
  // The ATS script is registered for the granted sites once the worker has started.
  for (const browser of [sourcer, recruiter]) {
    for (let tries = 0; (await browser.serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) < 4; tries++) {
      if (tries > 150) throw new Error('the ATS content script was never registered');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});

afterAll(async () => {
  for (const browser of [sourcer, recruiter]) await browser?.close();
  await server?.close();
  await pages?.close();
});

/**
 * Whether the device has pulled a person (by profile key) or a requisition (by title): the ATS
 * page joins a person the device knows, so the test opens it once the teammate's work arrived.
 */
function deviceHas(browser: ExtensionBrowser, what: { profileKey: string } | { requisition: string }) {
  return browser.serviceWorker.evaluate(async (w) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tandem');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('cannot open'));
    });
    const read = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error ?? new Error('read failed')))));
    try {
      if ('profileKey' in w) return (await read(db.transaction('prospects').objectStore('prospects').index('profileKeys').count(w.profileKey))) > 0;
      const all = (await read(db.transaction('requisitions').objectStore('requisitions').getAll())) as { title: string }[];
      return all.some((r) => r.title === w.requisition);
    } finally {
      db.close();
    }
  }, what);
}

const synced = (sidebar: SidebarPage) => expect.poll(() => sidebar.syncStatus.getAttribute('data-state'), { timeout: 20_000 }).toBe('synced');
const noteBodies = (sidebar: SidebarPage) => sidebar.notes.locator('.body').allTextContents();


describe('one person across LinkedIn, Recruiter and the ATS sites', () => {
  it("shows a sourcer's LinkedIn note on the person's Greenhouse and Recruiter pages, joined through the /in/ link on them", async () => {
    const linkedIn = await openProfile(sourcer, ADA.linkedIn, ADA.name);
    await linkedIn.addNote('Met at the Analytical Engines meetup; open to a move');
    await synced(linkedIn);

    await expect.poll(() => deviceHas(recruiter, { profileKey: 'linkedin:ada-lovelace' }), { timeout: 20_000 }).toBe(true);
    const greenhouse = await openProfile(recruiter, GREENHOUSE_ADA, ADA.name);
    await expect.poll(() => noteBodies(greenhouse), { timeout: 20_000 }).toEqual(['Met at the Analytical Engines meetup; open to a move']);
    expect(await greenhouse.frame.getByTestId('same-person-suggestion').count()).toBe(0);
    await greenhouse.log('Email sent');
    await synced(greenhouse);

    const talent = await openProfile(recruiter, RECRUITER_ADA, ADA.name);
    await expect.poll(() => noteBodies(talent)).toEqual(['Met at the Analytical Engines meetup; open to a move']);
    // The guard warns on every site: the email sent from Greenhouse is there on Recruiter.
    await expect.poll(() => talent.warning.textContent()).toContain('Already contacted');
    await synced(talent);
    // For the README: the Greenhouse page with the history written on LinkedIn.
    mkdirSync(DOCS_DIR, { recursive: true });
    const box = (await greenhouse.element.boundingBox())!;
    await greenhouse.page.bringToFront();
    await greenhouse.page.screenshot({ path: path.join(DOCS_DIR, 'greenhouse-sidebar.png'), clip: { x: box.x - 300, y: 0, width: box.width + 300, height: box.height } });
    await Promise.all([greenhouse.page.close(), talent.page.close()]);

    // And back on LinkedIn, for the sourcer: one history.
    await expect.poll(() => linkedIn.warning.textContent(), { timeout: 20_000 }).toContain('Already contacted');
    await linkedIn.page.close();
    // The Recruiter page's attach is sent by the worker, perhaps after the tab closed: the server has it soon.
    const adas = async () =>
      ((await server.stored('prospect')) as { name: string; profiles: { key: string }[]; deletedAt: number | null }[])
        .filter((p) => p.name === ADA.name && p.deletedAt === null)
        .map((p) => p.profiles.map((r) => r.key).sort());
    await expect.poll(adas, { timeout: 20_000 }).toEqual([['greenhouse:4521', 'linkedin-recruiter:AEMAAAB1xYzQ2rEcruiTer0nE', 'linkedin:ada-lovelace']]);
  });

  it('shows on LinkedIn a stage the recruiter moved on the Lever page', async () => {
    await openRequisition(server, ROLE);
    const linkedIn = await openProfile(sourcer, MARGARET.linkedIn, MARGARET.name);
    await synced(linkedIn);

    await expect.poll(() => deviceHas(recruiter, { profileKey: 'linkedin:margaret-hamilton' }), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => deviceHas(recruiter, { requisition: ROLE }), { timeout: 20_000 }).toBe(true);
    const lever = await openProfile(recruiter, LEVER_MARGARET, MARGARET.name);
    lever.page.setDefaultTimeout(20_000);
    await lever.frame.getByRole('button', { name: 'Add to a requisition' }).click();
    const add = lever.frame.getByRole('form', { name: 'Add to a requisition' });
    await add.getByLabel('Requisition').selectOption({ label: ROLE });
    await add.getByLabel('Stage').selectOption('Screen');
    await add.getByRole('button', { name: 'Add' }).click();
    const stage = lever.frame.getByTestId('pipeline-stage');
    await expect.poll(() => stage.inputValue()).toBe('stage:Screen');
    await stage.selectOption({ label: 'Onsite' });
    await lever.frame.getByTestId('pipeline-move').click();
    await synced(lever);

    const onLinkedIn = linkedIn.frame.getByTestId('pipeline-stage');
    await expect.poll(() => onLinkedIn.inputValue(), { timeout: 20_000 }).toBe('stage:Onsite');
    await expect.poll(() => linkedIn.warning.textContent()).toContain(`In process for ${ROLE} at Onsite.`);
    await Promise.all([lever.page.close(), linkedIn.page.close()]);
  });

  it('joins a Workable candidate with no link to the person the team has once the recruiter confirms the suggestion', async () => {
    const greenhouse = await openProfile(recruiter, GREENHOUSE_BARBARA, BARBARA);
    await greenhouse.addNote('Strong on distributed systems; prefers Boston');
    await synced(greenhouse);
    await greenhouse.page.close();

    const workable = await openProfile(recruiter, WORKABLE_BARBARA, BARBARA);
    const suggestion = workable.frame.getByTestId('same-person-suggestion');
    await expect.poll(() => suggestion.textContent(), { timeout: 20_000 }).toContain(`Same person as ${BARBARA}`);
    expect(await noteBodies(workable)).toEqual([]);
    const box = (await workable.element.boundingBox())!;
    await workable.page.screenshot({ path: path.join(DOCS_DIR, 'same-person.png'), clip: { x: box.x, y: 0, width: box.width, height: Math.min(box.height, 640) } });
    await suggestion.getByRole('button', { name: `Yes, same person as ${BARBARA}` }).click();
    await expect.poll(() => noteBodies(workable)).toEqual(['Strong on distributed systems; prefers Boston']);
    await expect.poll(() => suggestion.count()).toBe(0);
    await synced(workable);
    await workable.page.close();
    const barbaras = async () =>
      ((await server.stored('prospect')) as { name: string; profiles: { key: string }[]; deletedAt: number | null }[])
        .filter((p) => p.name === BARBARA && p.deletedAt === null)
        .map((p) => p.profiles.map((r) => r.key).sort());
    await expect.poll(barbaras, { timeout: 20_000 }).toEqual([['greenhouse:4777', 'workable:acme:370715911']]);
  });

  it('shows the right person on Ashby, and never a blind-review pseudonym as a name', async () => {
    const ashby = await openProfile(recruiter, ASHBY_ALAN, 'Alan Turing');
    await expect.poll(() => ashby.feedItems.count()).toBeGreaterThan(0);
    await synced(ashby);
    await ashby.page.close();
    // Blind review: the page shows a pseudonym, which is never taken for a name; the sidebar says
    // who the page is by its id, and the candidate's history is still theirs.
    const review = await openProfile(recruiter, ASHBY_BLIND_REVIEW, 'Candidate …f90ae7 on Ashby');
    await expect.poll(() => review.feedItems.count()).toBeGreaterThan(0);
    await review.page.close();
    const alans = async () =>
      ((await server.stored('prospect')) as { name: string; profiles: { key: string }[] }[]).filter((p) => p.profiles.some((r) => r.key === 'ashby:7c9e6679-7425-40de-944b-e07fc1f90ae7')).map((p) => p.name);
    await expect.poll(alans, { timeout: 20_000 }).toEqual(['Alan Turing']);
  });
});
