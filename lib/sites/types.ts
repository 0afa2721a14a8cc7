import type { ProspectIdentity, SiteId } from '@/lib/model/identity';

/** One site, one adapter: reads who a page shows. Pure, never throws, returns null rather than guess. */
export interface SiteAdapter {
  site: SiteId;
  /** Manifest match patterns of the pages this adapter reads. */
  matches: string[];
  /** Whether the URL is the kind of page that shows one person (the sidebar mounts only there). */
  isProfileUrl(url: URL): boolean;
  identify(doc: Document, url: URL): ProspectIdentity | null;
}
