// The browser's side panel (Chrome's side panel, Firefox's sidebar) in side-panel mode: the
// same sidebar, following the active tab of its window, with nothing added to the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import '@/components/ui/theme.css';
import { SidePanelApp } from '@/components/sidebar/side-panel-app';
import { getDb } from '@/lib/db/database';
import { ensureMe } from '@/lib/db/local-state';
import { sendMessage } from '@/lib/messaging';
import { connectPageToSync } from '@/lib/sync/page-sync';

async function boot() {
  void ensureMe(getDb());
  connectPageToSync({ pullNow: true });
  // Each window has its own panel: this one follows its own window's tabs.
  const windowId = (await browser.windows.getCurrent().catch(() => undefined))?.id ?? null;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <SidePanelApp windowId={windowId} reportWarnings={(tabId, report) => void sendMessage('sidebarWarnings', { ...report, tabId }).catch(() => undefined)} />
    </StrictMode>,
  );
}

void boot();
