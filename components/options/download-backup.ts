import { downloadFile } from '@/components/ui/download-file';
import type { Backup } from '@/lib/backup/backup';

/** Saves a backup as a JSON file through the browser's download, named for its day and what it holds. */
export function downloadBackup(backup: Backup, kind: 'export' | 'unsent-changes' = 'export'): string {
  const name = `tandem-${kind}-${new Date(backup.exportedAt).toISOString().slice(0, 10)}.json`;
  downloadFile(name, JSON.stringify(backup, null, 2), 'application/json');
  return name;
}
