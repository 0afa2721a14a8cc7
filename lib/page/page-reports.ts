import { type Browser, browser } from 'wxt/browser';
import { type PageReport, sendMessage } from '@/lib/messaging';

/** The name of the port content scripts send their page reports on. */
export const PAGE_REPORTS_PORT = 'tandem-page-reports';

/**
 * Sends the page's reports to the worker on one long-lived port. A one-off message opens a
 * channel first and posts only once the browser has answered, which a page busy rendering (an
 * in-app navigation swapping a large DOM) answers after its next frame: 30–45 ms late. On an open
 * port a report is one message, in order. The port closes when the worker sleeps; the next report
 * opens another (a worker waking costs that handshake anyway).
 */
export function pageReporter(): (report: PageReport) => void {
  let port: Browser.runtime.Port | null = null;
  const open = () => {
    const opened = browser.runtime.connect({ name: PAGE_REPORTS_PORT });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
    });
    return opened;
  };
  return (report) => {
    try {
      port ??= open();
      port.postMessage(report);
    } catch {
      // The extension was reloaded or the port had just closed: the one-off message still works or fails quietly.
      port = null;
      void sendMessage('reportPage', report).catch(() => undefined);
    }
  };
}
