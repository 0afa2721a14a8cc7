import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { plural } from '@/components/ui/plural';
import { exportBackup, importBackup, parseBackup } from '@/lib/backup/backup';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

/** Export everything as JSON and import it back; a bad file changes nothing and says why. */
export function DataTransfer() {
  const db = useDb();
  const [outcome, setOutcome] = useState<Outcome>(null);

  const download = async () => {
    const backup = await exportBackup(db);
    const blob = new Blob([JSON.stringify(backup, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `tandem-export-${new Date(backup.exportedAt).toISOString().slice(0, 10)}.json`;
    a.click();
    URL.revokeObjectURL(url);
    setOutcome({ kind: 'ok', text: `Exported ${plural(backup.tables.prospects.length, 'person', 'people')}.` });
  };

  const upload = async (file: File) => {
    setOutcome(null);
    const parsed = parseBackup(await file.text());
    if (!parsed.ok) return setOutcome({ kind: 'error', text: `Nothing was imported. ${parsed.error}` });
    try {
      const counts = await importBackup(db, parsed.backup);
      setOutcome({ kind: 'ok', text: `Imported ${plural(counts.prospects, 'person', 'people')}, ${plural(counts.activities, 'activity', 'activities')} and ${plural(counts.notes, 'note', 'notes')}.` });
    } catch (e) {
      setOutcome({ kind: 'error', text: `Nothing was imported: ${e instanceof Error ? e.message : 'the import failed'}.` });
    }
  };

  return (
    <fieldset>
      <legend>Your data</legend>
      <p className="muted">Everything Tandem keeps on this device, as one JSON file.</p>
      <div className="row" style={{ justifyContent: 'flex-start' }}>
        <button type="button" data-testid="export" onClick={() => void download()}>
          Export as JSON
        </button>
        <label className="inline" htmlFor="import-file">
          Import a Tandem export
        </label>
        <input
          id="import-file"
          data-testid="import"
          type="file"
          accept="application/json,.json"
          style={{ width: 'auto' }}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
            e.target.value = '';
          }}
        />
      </div>
      {outcome && (
        <p role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid="import-outcome" className={outcome.kind === 'error' ? 'error' : 'saved'}>
          {outcome.text}
        </p>
      )}
    </fieldset>
  );
}
