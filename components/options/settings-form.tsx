import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { readSettings, writeSettings } from '@/lib/db/local-state';
import type { Settings } from '@/lib/model';

/** Sidebar behaviour on this device; each change is saved at once. */
export function SettingsForm() {
  const db = useDb();
  const settings = useLiveQuery(() => readSettings(db), [db]);
  const [windowDraft, setWindowDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!settings) return null;

  const update = async (patch: Partial<Settings>) => {
    setError(null);
    try {
      await writeSettings(db, patch);
      return true;
    } catch {
      setError('The warning window must be a whole number of days from 1 to 3650.');
      return false;
    }
  };

  const commitWindow = async () => {
    if (windowDraft === null) return;
    if (await update({ guardWindowDays: Number(windowDraft) })) setWindowDraft(null);
  };

  return (
    <fieldset>
      <legend>Sidebar</legend>
      <div className="field">
        <label htmlFor="guard-window">Warn if the team reached out within (days)</label>
        <input
          id="guard-window"
          data-testid="guard-window"
          type="number"
          min={1}
          max={3650}
          value={windowDraft ?? String(settings.guardWindowDays)}
          onChange={(e) => setWindowDraft(e.target.value)}
          onBlur={() => void commitWindow()}
          onKeyDown={(e) => e.key === 'Enter' && void commitWindow()}
        />
      </div>
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            data-testid="auto-log"
            checked={settings.autoLogViewed}
            onChange={(e) => void update({ autoLogViewed: e.target.checked })}
          />
          Log “viewed” when I open a profile (once a day per person)
        </label>
      </div>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
