import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage } from '@/lib/messaging';
import { pageReporter } from './page-reports';
import type { ProspectIdentity } from '@/lib/model/identity';
import { sidebarPlace } from '@/lib/page-storage-items';
import type { SiteAdapter } from '@/lib/sites/types';
import { watchPageIdentity } from './identity-watcher';
import { pageSettled } from './page-settled';
import { createSidebarFrame } from './sidebar-frame';
import { type SidebarPlace, readPlace } from './sidebar-place';

/**
 * What every page script does (LinkedIn's and the ATS one): follows the page's person with the
 * adapter `adapterFor` picks per URL, tells the worker, and shows the sidebar frame on pages of
 * one person, unless the member shows Tandem in the browser's side panel: then nothing is added
 * to the page, and switching either way takes effect at once on open tabs.
 */
export function runSidebarContentScript(ctx: ContentScriptContext, adapterFor: (url: URL) => SiteAdapter | null): void {
  const frame = createSidebarFrame(ctx);
  const settled = pageSettled(ctx);
  let onPerson = false;
  /** Unknown until read: the frame waits for it, so side-panel mode never flashes a frame. */
  let place: SidebarPlace | undefined;
  const placeFrame = () => void settled.then(() => place && frame.setPresent(onPerson && place === 'page'));
  let placeChanged = false;
  ctx.onInvalidated(
    sidebarPlace.watch((value) => {
      placeChanged = true;
      place = readPlace(value);
      placeFrame();
    }),
  );
  void sidebarPlace.getValue().then((value) => {
    if (placeChanged) return;
    place = readPlace(value);
    placeFrame();
  });
  ctx.onInvalidated(onMessage('showSidebar', ({ data }) => (data === 'reveal' ? frame.reveal() : frame.setOpen(data))));
  ctx.onInvalidated(onMessage('sidebarShortcut', () => frame.shortcut()));
  const sendReport = pageReporter();
  watchPageIdentity(ctx, adapterFor, (report) => {
    sendReport(report);
    if (report.status !== 'pending') frame.showPerson(report.status === 'identified' ? (report.identity as ProspectIdentity).key : null);
    onPerson = report.status !== 'not_profile';
    placeFrame();
  });
}
