import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { useSidebarConnection } from '@/components/sidebar/use-sidebar-connection';
import '@/components/ui/theme.css';
import { getDb } from '@/lib/db/database';
import { ensureMe } from '@/lib/db/local-state';
import { sendMessage } from '@/lib/messaging';

function Sidebar() {
  return <SidebarApp connection={useSidebarConnection()} onClose={() => void sendMessage('setSidebarOpen', false)} />;
}

void ensureMe(getDb());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Sidebar />
  </StrictMode>,
);
