import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { writeSettings } from '@/lib/db/local-state';
import { chosenTimeZone } from '@/lib/db/my-time-zone';
import { shareReminderRules } from '@/lib/db/my-reminder-rules';
import { type CheckInReminder, ClockTime } from '@/lib/model';
import { deviceTimeZone } from './time-zone-select';
import { WEEKDAYS } from './weekdays';

/**
 * When to be reminded to send each requisition's weekly check-in (lib/reminders/check-in.ts):
 * a day and a time in the member's zone, and whether the team's server also mails it then.
 * Saved at once (and onto the member's record for the server); a half-typed time is not saved.
 */
export function CheckInReminderFields({ reminder }: { reminder: CheckInReminder }) {
  const db = useDb();
  const dayId = useId();
  const timeId = useId();
  const timeZone = useLiveQuery(async () => (await chosenTimeZone(db)) ?? deviceTimeZone(), [db]);
  const [draft, setDraft] = useState<CheckInReminder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = draft ?? reminder;

  const change = (patch: Partial<CheckInReminder>) => {
    const next = { ...shown, ...patch };
    setDraft(next);
    if (!ClockTime.safeParse(next.time).success) {
      setError('The check-in reminder needs a time, such as 09:00.');
      return;
    }
    setError(null);
    writeSettings(db, { checkInReminder: next })
      .then(() => shareReminderRules(db))
      .catch(() => setError('The check-in reminder could not be saved.'));
  };

  return (
    <fieldset>
      <legend>Weekly check-in</legend>
      <div className="field checkbox">
        <label>
          <input type="checkbox" data-testid="checkin-reminder-enabled" checked={shown.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
          Remind me to send the weekly check-in of each requisition I recruit for
        </label>
      </div>
      <div className="field">
        <label htmlFor={dayId}>Check-in reminder day</label>
        <select id={dayId} data-testid="checkin-reminder-day" value={shown.weekday} disabled={!shown.enabled} onChange={(e) => change({ weekday: Number(e.target.value) })}>
          {WEEKDAYS.map((name, i) => (
            <option key={name} value={i + 1}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={timeId}>Check-in reminder time</label>
        <input id={timeId} data-testid="checkin-reminder-time" type="time" value={shown.time} disabled={!shown.enabled} onChange={(e) => change({ time: e.target.value })} />
      </div>
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            data-testid="checkin-by-mail"
            checked={shown.byMail ?? false}
            disabled={!shown.enabled}
            onChange={(e) => change({ byMail: e.target.checked })}
          />
          Also e-mail me the check-in
        </label>
        <p className="muted small">From your team’s server at that day and time, one mail per requisition, when you are signed in to a team.</p>
      </div>
      {timeZone && <p className="muted small">In your time zone ({timeZone}); like every reminder it waits for your working days outside quiet hours.</p>}
      <ErrorMessage error={error} />
    </fieldset>
  );
}
