import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { plural } from '@/components/ui/plural';
import { exportBackupFile, parseBackup } from '@/lib/backup/backup';
import { applyRestore } from '@/lib/backup/restore';
import { type RestorePlan, planRestore } from '@/lib/backup/restore-plan';
import { downloadBackup } from './download-backup';
import { describeOutcome, describePlan, planRestores } from './restore-summary';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

/** A file read and planned, waiting for the member to agree. */
interface Pending {
  fileName: string;
  exportedAt: number;
  plan: RestorePlan;
}

const day = (at: number) => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * Export as JSON and import it back. An import first says what it will do and asks; it only
 * re-creates what this device lacks, never overwrites, and when signed in sends what it restores
 * to the team. A bad file changes nothing and says why.
 */
export function DataTransfer() {
  const db = useDb();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [withSettings, setWithSettings] = useState(false);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    const file = await exportBackupFile(db);
    downloadBackup(file);
    const unsent = file.unsentChanges ? ` and ${plural(file.unsentChanges, 'change', 'changes')} not yet sent` : '';
    setOutcome({ kind: 'ok', text: `Exported ${plural(file.records, 'record', 'records')}, this device’s settings${unsent}.` });
  };

  const read = async (file: File) => {
    setOutcome(null);
    setPending(null);
    const parsed = parseBackup(await file.text());
    if (!parsed.ok) return setOutcome({ kind: 'error', text: `Nothing was imported. ${parsed.error}` });
    setWithSettings(false);
    try {
      setPending({ fileName: file.name, exportedAt: parsed.backup.exportedAt, plan: await planRestore(db, parsed.backup) });
    } catch (e) {
      setOutcome({ kind: 'error', text: `Nothing was imported: ${e instanceof Error ? e.message : 'the file could not be compared with this device'}.` });
    }
  };

  const confirm = async ({ plan }: Pending) => {
    setBusy(true);
    try {
      const done = await applyRestore(db, plan, { settings: withSettings });
      setOutcome({ kind: 'ok', text: describeOutcome(plan, done) });
    } catch (e) {
      setOutcome({ kind: 'error', text: `Nothing was imported: ${e instanceof Error ? e.message : 'the import failed'}.` });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const actionable = pending && (planRestores(pending.plan) || pending.plan.settings !== null);
  return (
    <fieldset>
      <legend>Your data</legend>
      <p className="muted">
        The records this device holds (people, notes, activity, follow-ups, requisitions and reviews), its settings and your changes not yet sent, as one JSON
        file. Importing one restores only what this device lacks, after saying what it will do: it never overwrites a record.
      </p>
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
            if (file) void read(file);
            e.target.value = '';
          }}
        />
      </div>
      {pending && (
        <div role="group" aria-labelledby="import-plan-title" data-testid="import-plan" className="import-plan">
          <p id="import-plan-title">
            <strong>
              Import “{pending.fileName}” (exported {day(pending.exportedAt)})?
            </strong>
          </p>
          <ul>
            {describePlan(pending.plan).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {pending.plan.settings && (
            <div className="field checkbox">
              <label>
                <input type="checkbox" data-testid="import-settings" checked={withSettings} onChange={(e) => setWithSettings(e.target.checked)} />
                Also replace this device’s settings (warning window, auto-logging, reminders) with the file’s
              </label>
            </div>
          )}
          {actionable && (
            <button type="button" data-testid="import-confirm" autoFocus disabled={busy} onClick={() => void confirm(pending)}>
              Import
            </button>
          )}{' '}
          <button type="button" data-testid="import-cancel" autoFocus={!actionable} onClick={() => setPending(null)}>
            {actionable ? 'Cancel' : 'Close'}
          </button>
        </div>
      )}
      {outcome && (
        <p role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid="import-outcome" className={outcome.kind === 'error' ? 'error' : 'saved'}>
          {outcome.text}
        </p>
      )}
    </fieldset>
  );
}
