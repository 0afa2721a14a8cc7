import { z } from 'zod';
import { MAX_PROFILE_URL_LENGTH, isSiteProfileUrl } from '../sites/hosts';
import { shortText } from './common';
import { Email } from './member';

export const SiteId = z.enum(['linkedin', 'linkedin-recruiter', 'greenhouse', 'lever', 'ashby', 'workable']);
export type SiteId = z.infer<typeof SiteId>;

/** Each site as people call it (kept zod-free in lib/sites, where content scripts read it too). */
export { SITE_NAMES } from '../sites/site-names';

/** `linkedin:<slug>`, `greenhouse:<candidateId>`, …: one person on one site, whatever the URL's decoration. */
export const ProfileKey = z
  .string()
  .max(300)
  .regex(/^[a-z-]+:[^\s]+$/, 'must look like site:id');
export type ProfileKey = z.infer<typeof ProfileKey>;

const profileFields = { site: SiteId, key: ProfileKey, url: z.string().max(MAX_PROFILE_URL_LENGTH) };

const onSiteHosts = (ref: { site: SiteId; url: string }) => isSiteProfileUrl(ref.site, ref.url);
const ON_SITE_HOSTS = { message: 'must be an https address on the site’s own hosts', path: ['url'] };

/**
 * One person's page on one site. Its URL is https on that site's own hosts and nothing else
 * (no javascript:, data: or file: link, no look-alike host): the device and the server check
 * the same schema, so a member cannot re-point a teammate's link.
 */
export const ProfileRef = z.object(profileFields).refine(onSiteHosts, ON_SITE_HOSTS);
export type ProfileRef = z.infer<typeof ProfileRef>;

/**
 * A profile as stored on a person. A link stored before links were checked that fails the check
 * is blanked, not the whole person refused (their history and do-not-contact stay readable);
 * nothing opens a blank link, and the next visit to the page stores the right one.
 */
export const StoredProfileRef = z.object(profileFields).transform((ref) => (onSiteHosts(ref) ? ref : { ...ref, url: '' }));

/** What a site adapter reads off a page: plain text only, never markup. */
export const ProspectIdentity = z
  .object({
    ...profileFields,
    name: shortText(200).min(1),
    headline: shortText(500).nullable(),
    company: shortText(200).nullable(),
    location: shortText(200).nullable(),
    /** Email addresses the page shows for the person (an ATS's contact details, Recruiter's contact card). */
    emails: z.array(Email).max(10).optional(),
    /**
     * The person's profiles on other sites that the page links to: the LinkedIn `/in/` link on
     * an ATS or Recruiter page is what joins the two pages to one person (lib/identity).
     */
    sameAs: z.array(ProfileRef).max(5).optional(),
    /**
     * The name is a stand-in, not the person's ("Candidate 4521 on Greenhouse" before the app has
     * rendered it, or a blind-review pseudonym): shown, never stored as their name.
     */
    nameIsStandIn: z.boolean().optional(),
  })
  .refine(onSiteHosts, ON_SITE_HOSTS);
export type ProspectIdentity = z.infer<typeof ProspectIdentity>;
