import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { readSession, readSyncState } from '@/lib/sync/session';
import { rejectionText, syncDisplay } from '@/lib/sync/status';

/** Where this device's changes stand (synced / N pending / offline / error), and what the server refused. */
export function SyncStatus() {
  const db = useDb();
  const view = useLiveQuery(async () => {
    const [session, state, pending, rejections] = await Promise.all([readSession(db), readSyncState(db), db.outbox.count(), db.rejections.toArray()]);
    return { display: syncDisplay(session, state, pending), pending, rejections };
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
      <p data-testid="sync-status" className="sync-status" role="status" data-state={view.display.state} data-pending={view.pending}>
        {view.display.text}
      </p>
    </>
  );
}
