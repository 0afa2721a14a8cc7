import { ashbyAdapter } from './ashby';
import { greenhouseAdapter } from './greenhouse';
import { leverAdapter } from './lever';
import { workableAdapter } from './workable';
import type { SiteAdapter } from './types';

/**
 * The adapters of the ATS sites, which the runtime-registered ATS content script bundles (the
 * LinkedIn ones stay out of it, as these stay out of LinkedIn's: each script has a 30 KB budget).
 */
export const ATS_HOST_ADAPTERS: readonly SiteAdapter[] = [greenhouseAdapter, leverAdapter, ashbyAdapter, workableAdapter];
