import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RequisitionsApp } from '@/components/requisitions/requisitions-app';
import '@/components/ui/theme.css';
import '@/components/requisitions/requisitions.css';
import { connectPageToSync } from '@/lib/sync/page-sync';

connectPageToSync({ pullNow: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RequisitionsApp />
  </StrictMode>,
);
