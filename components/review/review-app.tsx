import { SyncStatus } from '@/components/sync/sync-status';
import { ReviewInbox } from './review-inbox';
import { ReviewSession } from './review-session';

/** review.html: one request to decide (`?request=<id>`), or the list of requests waiting. */
export function ReviewApp({ requestId }: { requestId: string | null }) {
  return (
    <div className="review-shell">
      <header className="topbar">
        <a className="brand" href="review.html">
          Tandem reviews
        </a>
      </header>
      <main>{requestId ? <ReviewSession key={requestId} requestId={requestId} /> : <ReviewInbox />}</main>
      <footer className="footer">
        <SyncStatus />
      </footer>
    </div>
  );
}
