import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DashboardApp } from '@/components/dashboard/dashboard-app';
import '@/components/ui/theme.css';
import '@/components/dashboard/dashboard.css';
import { connectPageToSync } from '@/lib/sync/page-sync';

connectPageToSync({ pullNow: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DashboardApp />
  </StrictMode>,
);
