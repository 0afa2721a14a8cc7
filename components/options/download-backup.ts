import { downloadFile } from '@/components/ui/download-file';
import type { BackupFile } from '@/lib/backup/backup';

/** Saves a backup file through the browser's download, named for its day and what it holds. */
export function downloadBackup(file: BackupFile, kind: 'export' | 'unsent-changes' = 'export'): string {
  const name = `tandem-${kind}-${new Date(file.exportedAt).toISOString().slice(0, 10)}.json`;
  downloadFile(name, file.blob, 'application/json');
  return name;
}
