/**
 * Which hosts each ATS needs, asked for only when the member turns the site on (Options → Sites).
 * Pure: the browser side is lib/sites/ats-scripts.ts. Installing asks for LinkedIn alone
 * (Recruiter lives there); these are the manifest's `optional_host_permissions`.
 */
import { SITE_NAMES } from './site-names';

export const ATS_SITES = ['greenhouse', 'lever', 'ashby', 'workable'] as const;
export type AtsSite = (typeof ATS_SITES)[number];


/** Every host each site shows candidates on (DESIGN.md, "Profile keys"). */
const ATS_ALL_HOSTS: Record<AtsSite, string[]> = {
  // app, app2…app5, app.eu and company subdomains (canonical.greenhouse.io).
  greenhouse: ['https://*.greenhouse.io/*'],
  lever: ['https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*'],
  ashby: ['https://app.ashbyhq.com/*'],
  // One subdomain per account: <account>.workable.com.
  workable: ['https://*.workable.com/*'],
};

/** The manifest's optional host permissions: every pattern a site can ask for is inside these. */
export const ATS_OPTIONAL_HOST_PATTERNS = ATS_SITES.flatMap((site) => ATS_ALL_HOSTS[site]);

/** The sites whose hosts can be narrowed to one subdomain, with the words Options uses for it. */
export const NARROWING: Partial<Record<AtsSite, { domain: string; label: string; hint: string }>> = {
  greenhouse: {
    domain: 'greenhouse.io',
    label: 'Greenhouse subdomain (optional)',
    hint: 'Only this host, e.g. “app”, “app4”, “app.eu” or your company’s “acme”. Empty: every Greenhouse host.',
  },
  workable: { domain: 'workable.com', label: 'Workable account (optional)', hint: 'Only <account>.workable.com. Empty: every Workable account.' },
};

/** A DNS label: letters, digits and inner hyphens, 1–63 characters. */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** Greenhouse allows two labels (`app.eu`); a Workable account is one. */
const NARROW_HOST: Record<string, RegExp> = {
  greenhouse: new RegExp(`^${LABEL}(?:\\.${LABEL})?$`),
  workable: new RegExp(`^${LABEL}$`),
};

/**
 * The match patterns to ask for and to register the content script on: every host of the
 * site, or one subdomain of it when the member entered one (a bare name, a host or a URL on
 * that site). A message a person can act on when what was entered is no such subdomain.
 */
export function sitePatterns(site: AtsSite, entered = ''): { patterns: string[] } | { error: string } {
  const narrowing = NARROWING[site];
  const raw = entered.trim().toLowerCase();
  if (narrowing === undefined || raw === '') return { patterns: ATS_ALL_HOSTS[site] };
  const host = (URL.canParse(raw) ? new URL(raw).hostname : raw.replace(/\/.*$/, '')).replace(/\.$/, '');
  const sub = host.endsWith(`.${narrowing.domain}`) ? host.slice(0, -narrowing.domain.length - 1) : host;
  if (!NARROW_HOST[site]!.test(sub)) {
    return { error: `“${entered.trim()}” is not a ${SITE_NAMES[site]} ${site === 'workable' ? 'account name' : 'subdomain'}: use letters, digits and hyphens, like “acme”.` };
  }
  return { patterns: [`https://${sub}.${narrowing.domain}/*`] };
}

/** The host a pattern `https://<host>/*` is for (`*.greenhouse.io` keeps its wildcard), or null. */
function patternHost(pattern: string): string | null {
  return /^https:\/\/([^/]+)\/\*$/.exec(pattern)?.[1] ?? null;
}

/**
 * The granted origins (from `permissions.getAll()`) that belong to `site`: the whole site's
 * patterns, or a narrowed subdomain of it. What is granted is the truth of whether a site is
 * on: the member may withdraw it in the browser at any time.
 */
export function grantedPatterns(site: AtsSite, origins: readonly string[]): string[] {
  const narrowing = NARROWING[site];
  return origins.filter((origin) => {
    if (ATS_ALL_HOSTS[site].includes(origin)) return true;
    const host = patternHost(origin);
    return narrowing !== undefined && host !== null && !host.startsWith('*.') && host.endsWith(`.${narrowing.domain}`);
  });
}

/** The id the site's content script is registered under (scripting.registerContentScripts). */
export function atsScriptId(site: AtsSite): string {
  return `tandem-ats-${site}`;
}
