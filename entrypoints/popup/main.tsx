import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/popup-app';
import { useActiveTab } from '@/components/popup/use-active-tab';
import { useSidebarShown } from '@/components/popup/use-sidebar-shown';
import '@/components/ui/theme.css';
import { sendMessage } from '@/lib/messaging';
import { connectPageToSync } from '@/lib/sync/page-sync';

connectPageToSync({ pullNow: true });

function Popup() {
  return (
    <PopupApp
      active={useActiveTab()}
      sidebarShown={useSidebarShown()}
      onShowSidebar={(tabId, open) => {
        void sendMessage('showSidebar', open, { tabId, frameId: 0 }).catch(() => undefined);
        window.close();
      }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
