import type { SiteId } from '../model/identity';

/** Match patterns of the sites Tandem reads. The manifest's host permissions are exactly these. */
export const LINKEDIN_PATTERNS = ['https://*.linkedin.com/*'];


/**
 * The ATS sites' match patterns. Not in SUPPORTED_HOST_PATTERNS: installing asks for LinkedIn
 * only, and each ATS is asked for when it is turned on (optional host permissions).
 * Greenhouse: app, app2…app5, app.eu and company subdomains; Lever: the app and its sandbox;
 * Ashby: its one app host; Workable: one subdomain per account.
 */
export const GREENHOUSE_PATTERNS = ['https://*.greenhouse.io/*'];
export const LEVER_PATTERNS = ['https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*'];
export const ASHBY_PATTERNS = ['https://app.ashbyhq.com/*'];
export const WORKABLE_PATTERNS = ['https://*.workable.com/*'];

export const SUPPORTED_HOST_PATTERNS = [...LINKEDIN_PATTERNS];

const underDomain = (domain: string) => (host: string) => host === domain || host.endsWith(`.${domain}`);
const onLinkedIn = underDomain('linkedin.com');

/**
 * The hosts each site shows its profiles on (DESIGN.md, "Profile keys"): www and country
 * subdomains of LinkedIn (Recruiter too), Greenhouse's app, app2…, app.eu and company
 * subdomains, Lever's hire and sandbox hosts, Ashby's app, Workable's account subdomains.
 */
const PROFILE_HOSTS: Record<SiteId, (host: string) => boolean> = {
  linkedin: onLinkedIn,
  'linkedin-recruiter': onLinkedIn,
  greenhouse: (host) => host.endsWith('.greenhouse.io'),
  lever: (host) => host === 'hire.lever.co' || host === 'hire.sandbox.lever.co',
  ashby: (host) => host === 'app.ashbyhq.com',
  workable: (host) => host.endsWith('.workable.com'),
};

export const MAX_PROFILE_URL_LENGTH = 2048;

/**
 * Whether `url` may be stored and opened as a profile on `site`: https, on that site's own
 * hosts, no credentials or port, and nothing a browser would silently strip (whitespace,
 * control characters) so the address checked is the address opened.
 */
export function isSiteProfileUrl(site: SiteId, url: string): boolean {
  if (url.length > MAX_PROFILE_URL_LENGTH || /[\s\p{Cc}]/u.test(url) || !URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && PROFILE_HOSTS[site](parsed.hostname);
}
