import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage, sendMessage } from '@/lib/messaging';
import type { ProspectIdentity } from '@/lib/model/identity';
import type { SiteAdapter } from '@/lib/sites/types';
import { watchPageIdentity } from './identity-watcher';
import { pageSettled } from './page-settled';
import { createSidebarFrame } from './sidebar-frame';

/**
 * What every page script does (LinkedIn's and the ATS one): follows the page's person with the
 * adapter `adapterFor` picks per URL, tells the worker, and shows the sidebar frame on pages of
 * one person.
 */
export function runSidebarContentScript(ctx: ContentScriptContext, adapterFor: (url: URL) => SiteAdapter | null): void {
  const frame = createSidebarFrame(ctx);
  const settled = pageSettled(ctx);
  ctx.onInvalidated(onMessage('showSidebar', ({ data }) => (data === 'reveal' ? frame.reveal() : frame.setOpen(data))));
  ctx.onInvalidated(onMessage('sidebarShortcut', () => frame.shortcut()));
  watchPageIdentity(ctx, adapterFor, (report) => {
    void sendMessage('reportPage', report).catch(() => undefined);
    if (report.status !== 'pending') frame.showPerson(report.status === 'identified' ? (report.identity as ProspectIdentity).key : null);
    const present = report.status !== 'not_profile';
    void settled.then(() => frame.setPresent(present));
  });
}
