import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { pendingCount } from '@/lib/sync/outbox';
import { readSession, readSyncState } from '@/lib/sync/session';
import { rejectionText, syncDisplay, unreadableText } from '@/lib/sync/status';

/**
 * Where this device's changes stand (synced / N pending / offline / waiting / error), what the
 * server refused, and what arrived that this version could not read.
 */
export function SyncStatus() {
  const db = useDb();
  const view = useLiveQuery(async () => {
    const [session, state, rejections] = await Promise.all([readSession(db), readSyncState(db), db.rejections.toArray()]);
    // Signed in, only the team's own changes are pending here; another team's wait for it.
    const pending = session ? await pendingCount(db, session.teamId) : await db.outbox.count();
    return { display: syncDisplay(session, state, pending), pending, rejections, unreadable: unreadableText(state.unreadable) };
  }, [db]);
  if (!view) return <p data-testid="sync-status" className="sync-status" role="status" aria-busy="true" />;
  return (
    <>
      {view.rejections.length > 0 && (
        <ul className="rejections" aria-label="Changes the server refused">
          {view.rejections.map((r) => (
            <li key={r.mutationId} data-testid="sync-rejection" role="alert">
              <span>{rejectionText(r.name, r.reason)}</span>
              <button type="button" className="link" onClick={() => void db.rejections.delete(r.mutationId)} aria-label="Dismiss">
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
      {view.unreadable && (
        <p data-testid="sync-unreadable" className="error" role="alert">
          {view.unreadable}
        </p>
      )}
      <p data-testid="sync-status" className="sync-status" role="status" data-state={view.display.state} data-pending={view.pending}>
        {view.display.text}
      </p>
    </>
  );
}
