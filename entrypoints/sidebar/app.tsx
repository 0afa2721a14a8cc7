import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { removeFirstPaint } from '@/components/sidebar/first-paint';
import { type FrameControls, SidebarApp } from '@/components/sidebar/sidebar-app';
import { focusStart } from '@/components/sidebar/sidebar-focus';
import { useSidebarConnection } from '@/components/sidebar/use-sidebar-connection';
import { getDb } from '@/lib/db/database';
import { ensureMe } from '@/lib/db/local-state';
import { onMessage, sendMessage } from '@/lib/messaging';
import { connectPageToSync } from '@/lib/sync/page-sync';

const quietly = (sent: Promise<unknown>) => void sent.catch(() => undefined);

const frame: FrameControls = {
  setOpen: (open) => quietly(sendMessage('setSidebarOpen', open)),
  reveal: () => quietly(sendMessage('setSidebarOpen', 'reveal')),
  reportWarnings: (report) => quietly(sendMessage('sidebarWarnings', report)),
};

function Sidebar({ tabId }: { tabId: number | null }) {
  const connection = useSidebarConnection(tabId);
  // The app's first commit replaces the boot's first paint before the browser paints again.
  useLayoutEffect(() => {
    if (connection.phase !== 'connecting') removeFirstPaint();
  }, [connection.phase]);
  if (connection.phase === 'connecting') return null;
  return <SidebarApp connection={connection} frame={frame} />;
}

export function mountSidebar(root: HTMLElement, tabId: number | null) {
  void ensureMe(getDb());
  connectPageToSync({ pullNow: true });
  // The content script of this frame's tab moved focus into the frame (the shortcut, the skip link).
  onMessage('focusSidebar', ({ sender }) => {
    if (sender.id === browser.runtime.id && sender.tab?.id === tabId && sender.frameId === 0) focusStart(document);
  });
  const container = document.createElement('div');
  root.append(container);
  createRoot(container).render(
    <StrictMode>
      <Sidebar tabId={tabId} />
    </StrictMode>,
  );
}
