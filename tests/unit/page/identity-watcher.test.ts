import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageReport } from '@/lib/messaging';
import type { ProspectIdentity } from '@/lib/model/identity';
import { type IdentityWatcherOptions, watchPageIdentity } from '@/lib/page/identity-watcher';
import { adapterFor } from '@/lib/sites';

// The watcher in the test environment's DOM (happy-dom, no Navigation API) with WXT's real
// content-script context and the real adapters: Recruiter's Ember app renders after the URL.

const A = 'AEMAAAB1xYzQ2rEcruiTer0nE';
const B = 'AEMAAAF6tHirdRowPerson03';
const talent = (id: string, suffix = '') => `https://www.linkedin.com/talent/hire/7012345/discover/recruiterSearch/profile/${id}${suffix}`;

/** The drawer's top card for `id`, whose name links to that person's own profile. */
function drawer(id: string, name: string): string {
  return `<div class="profile-slidein__wrapper"><section data-test-profile-container><div data-test-topcard-condensed-lockup>
    <a href="/talent/profile/${id}"><span data-test-row-lockup-full-name>${name}</span></a></div></section></div>`;
}

/** Replaces the page's body, as the app's render would (parsed markup, never assigned as HTML). */
function render(html: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...parsed.body.childNodes);
}

let ctx: ContentScriptContext | undefined;
afterEach(() => {
  ctx?.abort();
  ctx = undefined;
  render('');
});

function watch(url: string, body: string, options: IdentityWatcherOptions = {}) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  render(body);
  ctx = new ContentScriptContext('test');
  const reports: PageReport[] = [];
  watchPageIdentity(ctx, adapterFor, (r) => reports.push(r), { giveUpAfterMs: 60, minReadIntervalMs: 0, ...options });
  return reports;
}

const names = (reports: PageReport[]) => reports.map((r) => (r.identity as ProspectIdentity | null)?.name ?? r.status);

describe('a stand-in until the name renders', () => {
  it('reports the stand-in at once, then the real name for the same key', async () => {
    const reports = watch(talent(A), '<div class="initial-load-animation"></div>');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'identified', identity: { key: `linkedin-recruiter:${A}`, nameIsStandIn: true } });
    render(drawer(A, 'Priya Raman'));
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]).toMatchObject({ status: 'identified', identity: { key: `linkedin-recruiter:${A}`, name: 'Priya Raman' } });
    expect((reports[1]!.identity as ProspectIdentity).nameIsStandIn).toBeUndefined();
  });

  it('never calls a person shown with a stand-in unidentified, and never reports pending first', async () => {
    const reports = watch(talent(A), '');
    await new Promise((resolve) => setTimeout(resolve, 150)); // past giveUpAfterMs
    expect(reports.map((r) => r.status)).toEqual(['identified']);
  });

  it('never replaces a name already read for that person with the stand-in', async () => {
    const reports = watch(talent(A), drawer(A, 'Priya Raman'));
    // The messages tab of the same person: the app clears the card before rendering it again.
    history.pushState(null, '', talent(A, '/messages'));
    render('<div class="initial-load-animation"></div>');
    await vi.waitFor(() => expect(reports.at(-1)?.url).toBe(talent(A, '/messages')));
    expect(names(reports)).toEqual(['Priya Raman', 'Priya Raman']);
    expect(reports.every((r) => (r.identity as ProspectIdentity).nameIsStandIn === undefined)).toBe(true);
  });

  it('keeps the flag on a blind-review or hidden name, so it is never taken for a name', () => {
    const reports = watch(talent(A), drawer(A, 'LinkedIn Member'));
    expect(reports[0]!.identity).toMatchObject({ nameIsStandIn: true, name: 'Candidate …Ter0nE on LinkedIn Recruiter' });
  });
});

describe('route changes in the app', () => {
  it('in the drawer, reports the next person with a stand-in while the card still shows the previous one, then by name', async () => {
    const reports = watch(talent(A), drawer(A, 'Priya Raman'));
    history.pushState(null, '', talent(B));
    document.body.append(document.createElement('progress')); // the app reacts; the card is still Priya's
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.identity).toMatchObject({ key: `linkedin-recruiter:${B}`, nameIsStandIn: true });
    render(drawer(B, 'Tomasz Wrona'));
    await vi.waitFor(() => expect(reports).toHaveLength(3));
    expect(names(reports)).toEqual(['Priya Raman', 'Candidate …rson03 on LinkedIn Recruiter', 'Tomasz Wrona']);
    expect(reports.slice(1).every((r) => (r.identity as ProspectIdentity).key === `linkedin-recruiter:${B}`)).toBe(true);
  });

  it('never puts the previous person on the next URL when the drawer’s card has no link to tell them apart', async () => {
    const unlinked = (name: string) => drawer('x', name).replace(/<a href="[^"]*">|<\/a>/g, '');
    const reports = watch(talent(A), unlinked('Priya Raman'));
    history.pushState(null, '', talent(B));
    document.body.append(document.createElement('progress')); // the app reacts; the card is still Priya's
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]).toMatchObject({ status: 'pending', url: talent(B) });
    render(unlinked('Tomasz Wrona'));
    await vi.waitFor(() => expect(reports).toHaveLength(3));
    expect(reports[2]!.identity).toMatchObject({ key: `linkedin-recruiter:${B}`, name: 'Tomasz Wrona' });
    expect(reports.filter((r) => (r.identity as ProspectIdentity | null)?.name === 'Priya Raman').map((r) => r.url)).toEqual([talent(A)]);
  });

  it('follows back and forward (popstate) and picks the adapter per URL: LinkedIn /in/ to Recruiter and back', async () => {
    const reports = watch('https://www.linkedin.com/feed/', '');
    expect(reports.map((r) => r.status)).toEqual(['not_profile']);
    history.pushState(null, '', talent(A));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.identity).toMatchObject({ site: 'linkedin-recruiter', nameIsStandIn: true });
    history.pushState(null, '', 'https://www.linkedin.com/in/ann-example/');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(reports.at(-1)?.status).toBe('unidentified'));
    expect(reports.slice(2).map((r) => r.status)).toEqual(['pending', 'unidentified']);
  });

  it('notices a pushState from the DOM change that follows it when the browser has no Navigation API', async () => {
    expect('navigation' in globalThis).toBe(false);
    const reports = watch(talent(A), drawer(A, 'Priya Raman'));
    history.pushState(null, '', 'https://www.linkedin.com/talent/hire/7012345/discover/recruiterSearch?searchContextId=x');
    render('<ol class="search-results"></ol>');
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.status).toBe('not_profile');
  });

  it('hears WXT’s wxt:locationchange when the Navigation API is there (and then adds no observer of its own)', async () => {
    vi.stubGlobal('navigation', new EventTarget());
    const reports = watch(talent(A), drawer(A, 'Priya Raman'));
    history.pushState(null, '', talent(B));
    render(drawer(B, 'Tomasz Wrona'));
    // WXT's own location watcher polls once a second where (as here) its Navigation API is missing.
    await vi.waitFor(() => expect(names(reports)).toEqual(['Priya Raman', 'Tomasz Wrona']), { timeout: 3000 });
    vi.unstubAllGlobals();
  });
});
