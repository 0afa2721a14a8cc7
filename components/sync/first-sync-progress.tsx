import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { firstSyncProgress } from '@/lib/sync/first-sync';
import { readSession } from '@/lib/sync/session';
import { firstSyncWords, historyArrivingWords } from '@/lib/sync/status';

/**
 * A first sign-in's progress (docs/sync.md, "First sign-in to a large team"): the people and
 * recent history, then the older history in the background. Nothing once it is done.
 * `caveat`: on a view of the team's history, also say what older history is still missing.
 */
export function FirstSyncProgress({ caveat = false }: { caveat?: boolean }) {
  const db = useDb();
  const view = useLiveQuery(async () => {
    const session = await readSession(db);
    const progress = session && (await firstSyncProgress(db, session.teamId));
    return progress ? { ...progress, teamName: session.teamName } : null;
  }, [db]);
  if (!view) return null;
  const percent = Math.floor(view.done * 100);
  const { label, text } = firstSyncWords(view.teamName, view.phase, percent);
  return (
    <div className="first-sync" data-phase={view.phase}>
      <div
        data-testid="first-sync-progress"
        className="first-sync-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <span style={{ inlineSize: `${percent}%` }} />
      </div>
      <p className="first-sync-text">
        {label}: {text}
      </p>
      {caveat && view.phase === 'history' && (
        <p className="first-sync-text" data-testid="history-arriving">
          {historyArrivingWords(view.olderThan)}
        </p>
      )}
    </div>
  );
}
