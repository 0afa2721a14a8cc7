import { browser } from 'wxt/browser';
import type { ProfileRef } from '@/lib/model/identity';
import { isSiteProfileUrl } from './hosts';

type StoredLink = Pick<ProfileRef, 'site' | 'url'>;

/**
 * The address to link to or open for a stored profile, or undefined when it is not an https page
 * on the site's own hosts. Every link, button and notification that opens a stored profile gets
 * its address here: rows stored before links were checked, or edited by hand, open nothing.
 */
export function profileLink(profile: StoredLink | undefined): string | undefined {
  return profile && isSiteProfileUrl(profile.site, profile.url) ? profile.url : undefined;
}

/** Opens a stored profile in a new tab; false, and nothing opened, when its link fails the check. */
export async function openProfile(profile: StoredLink | undefined): Promise<boolean> {
  const url = profileLink(profile);
  if (!url) return false;
  await browser.tabs.create({ url });
  return true;
}
