import { defineContentScript } from '#imports';
import { runSidebarContentScript } from '@/lib/page/sidebar-content-script';
import { LINKEDIN_PATTERNS } from '@/lib/sites/hosts';
import { LINKEDIN_HOST_ADAPTERS } from '@/lib/sites/linkedin-host-adapters';
import { profileAdapterFor } from '@/lib/sites/profile-adapter';

export default defineContentScript({
  matches: LINKEDIN_PATTERNS,
  // From document start: the person is read as soon as the top card is parsed, so the
  // sidebar has them the moment its frame boots.
  runAt: 'document_start',
  main(ctx) {
    // LinkedIn and Recruiter (`/talent/`) share the host: the adapter is picked per URL, also
    // after in-app navigation between them.
    runSidebarContentScript(ctx, (url) => profileAdapterFor(LINKEDIN_HOST_ADAPTERS, url));
  },
});
