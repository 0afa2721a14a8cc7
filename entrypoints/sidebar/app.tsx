import { StrictMode, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { removeFirstPaint } from '@/components/sidebar/first-paint';
import { type FrameControls, SidebarApp } from '@/components/sidebar/sidebar-app';
import { useSidebarConnection } from '@/components/sidebar/use-sidebar-connection';
import { getDb } from '@/lib/db/database';
import { ensureMe } from '@/lib/db/local-state';
import { sendMessage } from '@/lib/messaging';
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
  const container = document.createElement('div');
  root.append(container);
  createRoot(container).render(
    <StrictMode>
      <Sidebar tabId={tabId} />
    </StrictMode>,
  );
}
