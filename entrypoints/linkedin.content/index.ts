import { defineContentScript } from '#imports';
import { onMessage, sendMessage } from '@/lib/messaging';
import { watchPageIdentity } from '@/lib/page/identity-watcher';
import { createSidebarFrame } from '@/lib/page/sidebar-frame';
import { LINKEDIN_PATTERNS } from '@/lib/sites/hosts';
import { linkedinAdapter } from '@/lib/sites/linkedin';

export default defineContentScript({
  matches: LINKEDIN_PATTERNS,
  runAt: 'document_end',
  main(ctx) {
    const frame = createSidebarFrame(ctx);
    ctx.onInvalidated(onMessage('showSidebar', ({ data }) => frame.setOpen(data)));
    watchPageIdentity(ctx, linkedinAdapter, (report) => {
      // The report goes first: the frame's own request for the tab's person arrives after it.
      void sendMessage('reportPage', report).catch(() => undefined);
      frame.setPresent(report.status !== 'not_profile');
    });
  },
});
