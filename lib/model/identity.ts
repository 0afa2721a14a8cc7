import { z } from 'zod';
import { shortText } from './common';

export const SiteId = z.enum(['linkedin', 'linkedin-recruiter', 'greenhouse', 'lever', 'ashby', 'workable']);
export type SiteId = z.infer<typeof SiteId>;

/** `linkedin:<slug>`, `greenhouse:<candidateId>`, …: one person on one site, whatever the URL's decoration. */
export const ProfileKey = z
  .string()
  .max(300)
  .regex(/^[a-z-]+:[^\s]+$/, 'must look like site:id');
export type ProfileKey = z.infer<typeof ProfileKey>;

export const ProfileRef = z.object({
  site: SiteId,
  key: ProfileKey,
  url: z.url().max(2048),
});
export type ProfileRef = z.infer<typeof ProfileRef>;

/** What a site adapter reads off a page: plain text only, never markup. */
export const ProspectIdentity = ProfileRef.extend({
  name: shortText(200).min(1),
  headline: shortText(500).nullable(),
  company: shortText(200).nullable(),
  location: shortText(200).nullable(),
});
export type ProspectIdentity = z.infer<typeof ProspectIdentity>;
