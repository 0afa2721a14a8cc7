import { defineContentScript } from '#imports';
import { onMessage, sendMessage } from '@/lib/messaging';
import { watchPageIdentity } from '@/lib/page/identity-watcher';
import { pageSettled } from '@/lib/page/page-settled';
import { createSidebarFrame } from '@/lib/page/sidebar-frame';
import { LINKEDIN_PATTERNS } from '@/lib/sites/hosts';
import { LINKEDIN_HOST_ADAPTERS } from '@/lib/sites/linkedin-host-adapters';
import { profileAdapterFor } from '@/lib/sites/profile-adapter';
import type { ProspectIdentity } from '@/lib/model/identity';

export default defineContentScript({
  matches: LINKEDIN_PATTERNS,
  // From document start: the person is read as soon as the top card is parsed, so the
  // sidebar has them the moment its frame boots.
  runAt: 'document_start',
  main(ctx) {
    const frame = createSidebarFrame(ctx);
    const settled = pageSettled(ctx);
    ctx.onInvalidated(onMessage('showSidebar', ({ data }) => (data === 'reveal' ? frame.reveal() : frame.setOpen(data))));
    ctx.onInvalidated(onMessage('sidebarShortcut', () => frame.shortcut()));
    // LinkedIn and Recruiter (`/talent/`) share the host: the adapter is picked per URL, also
    // after in-app navigation between them.
    watchPageIdentity(ctx, (url) => profileAdapterFor(LINKEDIN_HOST_ADAPTERS, url), (report) => {
      void sendMessage('reportPage', report).catch(() => undefined);
      if (report.status !== 'pending') frame.showPerson(report.status === 'identified' ? (report.identity as ProspectIdentity).key : null);
      const present = report.status !== 'not_profile';
      void settled.then(() => frame.setPresent(present));
    });
  },
});
