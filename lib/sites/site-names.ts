import type { SiteId } from '@/lib/model/identity';

/** What each site is called in words: "on Greenhouse", "Open on LinkedIn Recruiter". */
export const SITE_NAMES: Record<SiteId, string> = {
  linkedin: 'LinkedIn',
  'linkedin-recruiter': 'LinkedIn Recruiter',
  greenhouse: 'Greenhouse',
  lever: 'Lever',
  ashby: 'Ashby',
  workable: 'Workable',
};
