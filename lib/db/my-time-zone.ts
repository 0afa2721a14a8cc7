import type { TandemDB } from './database';
import { readMe, readSettings, writeSettings } from './local-state';

/**
 * The time zone this member chose, or null for the device's: their own (on their member row,
 * synced with the team), else one this device kept from before members had one.
 */
export async function chosenTimeZone(db: TandemDB): Promise<string | null> {
  const me = await readMe(db);
  const [member, settings] = await Promise.all([me ? db.members.get(me.memberId) : undefined, readSettings(db)]);
  return member?.timeZone ?? settings.reminders.timeZone ?? null;
}

/** Once the member's own time zone is saved, the device's old choice is not kept beside it. */
export async function forgetDeviceTimeZone(db: TandemDB): Promise<void> {
  const { reminders } = await readSettings(db);
  if (reminders.timeZone !== null) await writeSettings(db, { reminders: { ...reminders, timeZone: null } });
}
