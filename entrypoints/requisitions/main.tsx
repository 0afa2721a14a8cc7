import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RequisitionsApp } from '@/components/requisitions/requisitions-app';
import '@/components/ui/theme.css';
import { sendMessage } from '@/lib/messaging';
import { onLocalWrite } from '@/lib/mutations';

onLocalWrite(() => void sendMessage('syncNow', 'local_write').catch(() => undefined));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RequisitionsApp />
  </StrictMode>,
);
