import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/options-app';
import '@/components/ui/theme.css';
import { connectPageToSync } from '@/lib/sync/page-sync';

const sync = connectPageToSync({ pullNow: false });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp onSignedIn={sync.signedIn} />
  </StrictMode>,
);
