import { MatchPattern } from 'wxt/utils/match-patterns';
import { ATS_HOST_ADAPTERS } from './ats-host-adapters';
import { LINKEDIN_HOST_ADAPTERS } from './linkedin-host-adapters';
import type { SiteAdapter } from './types';

/**
 * Every site Tandem reads. The first whose `matches` cover a URL wins, so an adapter for a
 * narrower part of a site (e.g. LinkedIn Recruiter's `/talent/`) must come before the site's own.
 */
export const adapters: readonly SiteAdapter[] = [...LINKEDIN_HOST_ADAPTERS, ...ATS_HOST_ADAPTERS];

/**
 * The adapter whose content script runs on this URL (its manifest match patterns cover it), or
 * null for sites Tandem does not read. Whether the page shows a person is `isProfileUrl`'s
 * question: on LinkedIn's feed the adapter is still there, waiting for in-app navigation.
 */
export function adapterFor(url: URL): SiteAdapter | null {
  return adapters.find((adapter) => adapter.matches.some((pattern) => new MatchPattern(pattern).includes(url.href))) ?? null;
}
