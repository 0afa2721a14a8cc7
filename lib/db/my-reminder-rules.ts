import { DEFAULT_REMINDER_SETTINGS, LOCAL_TEAM_ID, type Member, type Settings } from '@/lib/model';
import { memberUpdate } from '@/lib/mutations';
import type { TandemDB } from './database';
import { readMe, readSettings } from './local-state';
import { mutate } from './mutate';

/** What this device's settings say the member's record should hold for the server's mail. */
export function reminderRulesOf(settings: Settings): Pick<Member, 'workingDays' | 'quietHours' | 'checkInMail'> {
  const { workingDays, quietHours } = settings.reminders;
  const defaults = DEFAULT_REMINDER_SETTINGS;
  const { enabled, byMail, weekday, time } = settings.checkInReminder;
  return {
    // The defaults are left null, so a member who never chose keeps following them if they change.
    workingDays: workingDays.join() === defaults.workingDays.join() ? null : workingDays,
    quietHours: quietHours.start === defaults.quietHours.start && quietHours.end === defaults.quietHours.end ? null : quietHours,
    checkInMail: enabled && byMail ? { weekday, time } : null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Puts this device's working days, quiet hours and check-in mail choice on the member's own
 * record (`member.update`, queued like any change), so the team's server mails by the same
 * rules as this device reminds. Only in a team (a device on its own has no server to tell), and
 * only what differs. Called when the member saves them in Options, and at sign-in with
 * `onlyMissing`: like the time zone, a device's choice becomes the member's only where they have
 * none, so a new device with the defaults does not undo what they chose elsewhere.
 */
export async function shareReminderRules(db: TandemDB, { onlyMissing = false } = {}): Promise<void> {
  const me = await readMe(db);
  if (!me || me.teamId === LOCAL_TEAM_ID) return;
  const [member, settings] = await Promise.all([db.members.get(me.memberId), readSettings(db)]);
  if (!member) return;
  const rules = reminderRulesOf(settings);
  const changed = Object.fromEntries(
    Object.entries(rules).filter(([field, value]) => {
      const theirs = member[field as keyof typeof rules];
      return onlyMissing ? value !== null && (theirs ?? null) === null : !same(value, theirs);
    }),
  );
  if (Object.keys(changed).length > 0) await mutate(db, memberUpdate, { memberId: me.memberId, ...changed }, { actor: me });
}
