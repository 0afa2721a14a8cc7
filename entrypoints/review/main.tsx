import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReviewApp } from '@/components/review/review-app';
import '@/components/ui/theme.css';
import '@/components/review/review.css';
import { connectPageToSync } from '@/lib/sync/page-sync';

connectPageToSync({ pullNow: true });

const requestId = new URLSearchParams(location.search).get('request');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReviewApp requestId={requestId} />
  </StrictMode>,
);
