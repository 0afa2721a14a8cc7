import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { pokeConnection } from '@/lib/storage-items';
import { pendingCount, queuedCount } from '@/lib/sync/outbox';
import { askToSync } from '@/lib/sync/page-sync';
import type { PokeConnectionState } from '@/lib/sync/poke-client';
import { readSession, readSyncState } from '@/lib/sync/session';
import { liveText, rejectionText, syncDisplay, unreadableText } from '@/lib/sync/status';

/** The worker's live connection, as it last wrote it. */
function useLiveConnection(): PokeConnectionState {
  const [connection, setConnection] = useState<PokeConnectionState>({ state: 'off' });
  useEffect(() => {
    let current = true;
    void pokeConnection.getValue().then((value) => current && setConnection(value));
    const unwatch = pokeConnection.watch((value) => setConnection(value));
    return () => {
      current = false;
      unwatch();
    };
  }, []);
  return connection;
}

/** Refusals shown at once: the latest, oldest of them first; dismissing them brings earlier ones. */
const REJECTIONS_SHOWN = 20;

async function latestRejections(db: ReturnType<typeof useDb>) {
  return (await db.rejections.reverse().limit(REJECTIONS_SHOWN).toArray()).reverse();
}

/**
 * Where this device's changes stand (synced / N pending / offline / waiting / error), whether
 * the team's arrive live, a "Sync now" button, what the server refused, and what arrived that
 * this version could not read.
 */
export function SyncStatus() {
  const db = useDb();
  const connection = useLiveConnection();
  const view = useLiveQuery(async () => {
    const [session, state, rejections] = await Promise.all([readSession(db), readSyncState(db), latestRejections(db)]);
    // Signed in, only the team's own changes are pending here; another team's wait for it.
    const pending = session ? await pendingCount(db, session.teamId) : await queuedCount(db);
    return { display: syncDisplay(session, state, pending), pending, rejections, unreadable: unreadableText(state.unreadable) };
  }, [db]);
  if (!view) return <p data-testid="sync-status" className="sync-status" role="status" aria-busy="true" />;
  // Signed in and not refused: there is a server to sync with.
  const canSync = view.display.state !== 'local' && view.display.state !== 'signed_out';
  const live = canSync ? liveText(connection) : null;
  return (
    <>
      {/* Polite, not an alert: the sidebar mounts on every profile, and a refusal already shown must not be shouted again each time. */}
      <div className="sync-problems" aria-live="polite">
        {view.rejections.length > 0 && (
          <ul className="rejections" aria-label="Changes the server refused">
            {view.rejections.map((r) => {
              const text = rejectionText(r.name, r.reason);
              return (
                <li key={r.mutationId} data-testid="sync-rejection">
                  <span dir="auto">{text}</span>
                  <button type="button" className="link" onClick={() => void db.rejections.delete(r.mutationId)} aria-label={`Dismiss: ${text}`}>
                    Dismiss
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {view.unreadable && (
          <p data-testid="sync-unreadable" className="error">
            {view.unreadable}
          </p>
        )}
      </div>
      <div className="sync-line">
        <p data-testid="sync-status" className="sync-status" role="status" data-state={view.display.state} data-pending={view.pending}>
          {view.display.text}
        </p>
        {canSync && (
          <button type="button" className="link small" data-testid="sync-now" onClick={() => askToSync('manual')}>
            Sync now
          </button>
        )}
      </div>
      {live && (
        <p data-testid="sync-live" className="sync-live" data-live={connection.state}>
          {live}
        </p>
      )}
    </>
  );
}
