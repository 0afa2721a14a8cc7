import { defineContentScript } from '#imports';
import { runSidebarContentScript } from '@/lib/page/sidebar-content-script';
import { ATS_HOST_ADAPTERS } from '@/lib/sites/ats-host-adapters';
import { profileAdapterFor } from '@/lib/sites/profile-adapter';

/**
 * The sidebar on ATS pages (Greenhouse, Lever, Ashby, Workable). Not in the manifest: the
 * worker registers it for each site the member turned on, on exactly the hosts granted
 * (lib/sites/ats-scripts.ts), so installing asks for LinkedIn alone.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main(ctx) {
    runSidebarContentScript(ctx, (url) => profileAdapterFor(ATS_HOST_ADAPTERS, url));
  },
});
