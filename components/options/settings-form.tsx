import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { readMe, readSettings, writeSettings } from '@/lib/db/local-state';
import { chosenTimeZone } from '@/lib/db/my-time-zone';
import { shareReminderRules } from '@/lib/db/my-reminder-rules';
import { memberRulesOver } from '@/lib/deadlines';
import { ClockTime, type ReminderSettings, type Settings } from '@/lib/model';
import { CheckInReminderFields } from './check-in-reminder-fields';
import { SidebarLayoutFields } from './sidebar-layout-fields';
import { WEEKDAYS } from './weekdays';
import { deviceTimeZone } from './time-zone-select';

/** Sidebar behaviour and reminders on this device; each change is saved at once. */
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
    <>
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
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'guard-window-error' : undefined}
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
        <SidebarLayoutFields />
        <ErrorMessage error={error} id="guard-window-error" />
      </fieldset>
      <ReminderSettingsFields reminders={settings.reminders} />
      <CheckInReminderFields reminder={settings.checkInReminder} />
    </>
  );
}

/**
 * When reminders may reach this member: working days and quiet hours, in the time zone they set
 * under You (one place, synced with their team), shown as their record has them when it does. Each change is saved at once; one that would
 * leave no working day, or a half-typed time, is refused with a message and not saved. The
 * fields show the latest edit (not the stored value) so quick successive changes build on each other.
 */
function ReminderSettingsFields({ reminders }: { reminders: ReminderSettings }) {
  const db = useDb();
  const timeZone = useLiveQuery(() => chosenTimeZone(db), [db]);
  // What they chose elsewhere (another device, the review link's mail settings) is what applies.
  const member = useLiveQuery(async () => {
    const me = await readMe(db);
    return me ? ((await db.members.get(me.memberId)) ?? null) : null;
  }, [db]);
  const [draft, setDraft] = useState<ReminderSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = draft ?? memberRulesOver(reminders, member);
  const quietDraft = shown.quietHours;

  const change = (patch: Partial<ReminderSettings>) => {
    const next = { ...shown, ...patch };
    if (next.workingDays.length === 0) {
      setError('Choose at least one working day.');
      return;
    }
    setDraft(next);
    if (!ClockTime.safeParse(next.quietHours.start).success || !ClockTime.safeParse(next.quietHours.end).success) {
      setError('Quiet hours need a start and an end time, such as 19:00 and 08:00.');
      return;
    }
    setError(null);
    writeSettings(db, { reminders: next })
      .then(() => shareReminderRules(db))
      .catch(() => setError('These reminder settings could not be saved.'));
  };

  const toggleDay = (day: number, on: boolean) =>
    change({ workingDays: on ? [...shown.workingDays, day].sort((a, b) => a - b) : shown.workingDays.filter((d) => d !== day) });

  const changeQuiet = (edge: 'start' | 'end', value: string) => change({ quietHours: { ...shown.quietHours, [edge]: value } });

  return (
    <fieldset>
      <legend>Reminders</legend>
      <p className="muted small">
        Review requests, overdue reminders, nudges and follow-ups reach you only on working days outside quiet hours; anything that comes up
        meanwhile waits until then. The badge is always up to date.
      </p>
      {timeZone !== undefined && (
        <p className="muted small">
          {timeZone
            ? `Working days and quiet hours are in your time zone (${timeZone}, set under You).`
            : `Working days and quiet hours are in this device’s time zone (${deviceTimeZone()}); set your own under You.`}
        </p>
      )}
      <div className="field" role="group" aria-labelledby="working-days-label">
        <span id="working-days-label">Working days</span>
        {WEEKDAYS.map((name, i) => (
          <div className="field checkbox" key={name}>
            <label>
              <input
                type="checkbox"
                data-testid={`working-day-${i + 1}`}
                checked={shown.workingDays.includes(i + 1)}
                onChange={(e) => toggleDay(i + 1, e.target.checked)}
              />
              {name}
            </label>
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor="quiet-start">Quiet hours from</label>
        <input id="quiet-start" data-testid="quiet-start" type="time" value={quietDraft.start} onChange={(e) => changeQuiet('start', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="quiet-end">Quiet hours until</label>
        <input id="quiet-end" data-testid="quiet-end" type="time" value={quietDraft.end} onChange={(e) => changeQuiet('end', e.target.value)} />
        <p className="muted small">
          {quietDraft.start === quietDraft.end ? 'No quiet hours: the same start and end time.' : 'Quiet hours may run past midnight, e.g. 19:00 until 08:00.'}
        </p>
      </div>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
