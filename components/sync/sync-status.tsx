import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { plural } from '@/components/ui/plural';

/**
 * Where local changes stand. Until the team server is connected (issue 3) everything is kept
 * on this device and the outbox holds what will be sent.
 */
export function SyncStatus() {
  const db = useDb();
  const pending = useLiveQuery(() => db.outbox.count(), [db]);
  const text =
    pending === undefined
      ? 'Checking…'
      : pending === 0
        ? 'Saved on this device'
        : `Saved on this device · ${plural(pending, 'change', 'changes')} waiting for team sync`;
  return (
    <p data-testid="sync-status" className="sync-status" role="status" data-pending={pending ?? ''}>
      {text}
    </p>
  );
}
