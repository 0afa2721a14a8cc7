import { browser } from 'wxt/browser';
import { ATS_SITES, type AtsSite, atsScriptId, grantedPatterns, sitePatterns } from './site-permissions';

/** The ATS content script as WXT builds it (entrypoints/ats.content, `registration: 'runtime'`). */
export const ATS_SCRIPT_FILE = 'content-scripts/ats.js';

/** Which hosts each ATS is on for, as the browser has granted them: none means off. */
export type AtsGrants = Record<AtsSite, string[]>;

export async function readAtsGrants(): Promise<AtsGrants> {
  const { origins = [] } = await browser.permissions.getAll();
  return Object.fromEntries(ATS_SITES.map((site) => [site, grantedPatterns(site, origins)])) as AtsGrants;
}

/**
 * Makes the registered content scripts follow the granted permissions: each ATS's script runs
 * on exactly the hosts granted for it, and a site whose permission is gone (turned off here, or
 * withdrawn in the browser's own settings) has none. Idempotent; run at every worker start, on
 * `permissions.onAdded`/`onRemoved`, and by Options after a change.
 */
export async function syncAtsScripts(): Promise<AtsGrants> {
  // Options and the worker both sync (the worker on the permission event Options' change
  // fires): one at a time across the extension's pages, or both would register the same id.
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('tandem-ats-scripts', applyGrants) : applyGrants();
}

async function applyGrants(): Promise<AtsGrants> {
  const grants = await readAtsGrants();
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: ATS_SITES.map(atsScriptId) });
  for (const site of ATS_SITES) {
    const id = atsScriptId(site);
    const matches = grants[site];
    const current = registered.find((script) => script.id === id);
    if (current && sameSet(current.matches ?? [], matches)) continue;
    if (current) await browser.scripting.unregisterContentScripts({ ids: [id] });
    if (matches.length > 0) {
      await browser.scripting.registerContentScripts([{ id, js: [ATS_SCRIPT_FILE], matches, runAt: 'document_start', persistAcrossSessions: true }]);
    }
  }
  return grants;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/**
 * Turns a site on: asks for its hosts (or the one subdomain entered) and registers its script.
 * Must be called straight from the click, before anything else is awaited: the browser asks
 * the member only within a user gesture. Resolves to why it is still off, or null when on.
 */
export async function turnAtsSiteOn(site: AtsSite, entered = ''): Promise<string | null> {
  const wanted = sitePatterns(site, entered);
  if ('error' in wanted) return wanted.error;
  const granted = await browser.permissions.request({ origins: wanted.patterns });
  await syncAtsScripts();
  return granted ? null : 'The browser did not give Tandem access to these pages, so it stays off.';
}

/** Turns a site off: its script is unregistered and its hosts given back to the browser. */
export async function turnAtsSiteOff(site: AtsSite): Promise<void> {
  const { [site]: origins } = await readAtsGrants();
  if (origins.length > 0) await browser.permissions.remove({ origins });
  await syncAtsScripts();
}
