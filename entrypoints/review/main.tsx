import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReviewApp } from '@/components/review/review-app';
import '@/components/ui/theme.css';
import { sendMessage } from '@/lib/messaging';
import { onLocalWrite } from '@/lib/mutations';

onLocalWrite(() => void sendMessage('syncNow', 'local_write').catch(() => undefined));

const requestId = new URLSearchParams(location.search).get('request');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReviewApp requestId={requestId} />
  </StrictMode>,
);
