import { linkedinAdapter } from './linkedin';
import { linkedinRecruiterAdapter } from './linkedin-recruiter';
import type { SiteAdapter } from './types';

/**
 * The adapters of pages on LinkedIn's hosts (Recruiter's `/talent/` and LinkedIn's `/in/`), as
 * in lib/sites/index.ts. LinkedIn's content script bundles only these: the full list holds
 * every ATS adapter too, more than the script's 30 KB budget allows.
 */
export const LINKEDIN_HOST_ADAPTERS: readonly SiteAdapter[] = [linkedinRecruiterAdapter, linkedinAdapter];
