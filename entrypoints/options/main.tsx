import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/options-app';
import '@/components/ui/theme.css';
import { sendMessage } from '@/lib/messaging';
import { onLocalWrite } from '@/lib/mutations';

const syncNow = (reason: 'local_write' | 'signed_in') => void sendMessage('syncNow', reason).catch(() => undefined);
onLocalWrite(() => syncNow('local_write'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp onSignedIn={() => syncNow('signed_in')} />
  </StrictMode>,
);
