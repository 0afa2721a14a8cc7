import { describe, expect, it } from 'vitest';
import { LOCAL_KEYS, readSettings, writeSettings } from '@/lib/db/local-state';
import { resolvePolicy } from '@/lib/deadlines';
import { DEFAULT_CHECK_IN_REMINDER, DEFAULT_REMINDER_SETTINGS, ReminderSettings, Settings } from '@/lib/model';
import { freshDb } from '../../support/db';

describe('reminder settings', () => {
  it('keeps settings saved before reminders existed, with the default policy', async () => {
    const db = freshDb();
    await db.local.put({ key: LOCAL_KEYS.settings, value: { guardWindowDays: 30, autoLogViewed: false } });
    expect(await readSettings(db)).toEqual({ guardWindowDays: 30, autoLogViewed: false, reminders: DEFAULT_REMINDER_SETTINGS, checkInReminder: DEFAULT_CHECK_IN_REMINDER });
    db.close();
  });

  it('defaults to Monday–Friday, quiet 19:00–08:00, in this device’s time zone', () => {
    expect(DEFAULT_REMINDER_SETTINGS).toEqual({ timeZone: null, workingDays: [1, 2, 3, 4, 5], quietHours: { start: '19:00', end: '08:00' } });
    expect(resolvePolicy(DEFAULT_REMINDER_SETTINGS, 'Europe/Stockholm').timeZone).toBe('Europe/Stockholm');
    expect(resolvePolicy({ ...DEFAULT_REMINDER_SETTINGS, timeZone: 'America/New_York' }, 'Europe/Stockholm').timeZone).toBe('America/New_York');
  });

  it('takes the member’s own time zone first, then one this device kept from before, then the device’s', () => {
    const legacy = { ...DEFAULT_REMINDER_SETTINGS, timeZone: 'America/New_York' };
    expect(resolvePolicy(legacy, 'Europe/Stockholm', { timeZone: 'Asia/Tokyo' }).timeZone).toBe('Asia/Tokyo');
    expect(resolvePolicy(DEFAULT_REMINDER_SETTINGS, 'Europe/Stockholm', { timeZone: 'Asia/Tokyo' }).timeZone).toBe('Asia/Tokyo');
    expect(resolvePolicy(legacy, 'Europe/Stockholm', { timeZone: null }).timeZone).toBe('America/New_York');
    expect(resolvePolicy(DEFAULT_REMINDER_SETTINGS, 'Europe/Stockholm', { timeZone: null }).timeZone).toBe('Europe/Stockholm');
  });

  it('takes the working days and quiet hours on the member’s record over the device’s, so the extension reminds by the rules mail follows', () => {
    const device = { ...DEFAULT_REMINDER_SETTINGS, workingDays: [1, 2, 3], quietHours: { start: '18:00', end: '09:00' } };
    const chosen = { workingDays: [2, 3, 4, 5, 6], quietHours: { start: '20:00', end: '09:00' } };
    expect(resolvePolicy(device, 'UTC', { timeZone: 'Asia/Tokyo', ...chosen })).toEqual({ timeZone: 'Asia/Tokyo', ...chosen });
    // A member who chose nothing follows the device's.
    expect(resolvePolicy(device, 'UTC', { timeZone: null, workingDays: null, quietHours: null })).toEqual({ ...device, timeZone: 'UTC' });
  });

  it.each([
    [{ workingDays: [] }, 'choose at least one working day'],
    [{ workingDays: [0] }, ''],
    [{ workingDays: [8] }, ''],
    [{ quietHours: { start: '7:00', end: '08:00' } }, 'must be a time such as 08:00'],
    [{ quietHours: { start: '24:00', end: '08:00' } }, 'must be a time such as 08:00'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'must be a known time zone'],
  ])('refuses %j', (patch, message) => {
    const result = ReminderSettings.safeParse({ ...DEFAULT_REMINDER_SETTINGS, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it('sorts working days and drops repeats; accepts UTC and equal quiet-hour ends (none)', () => {
    expect(ReminderSettings.parse({ timeZone: 'UTC', workingDays: [5, 1, 1, 3], quietHours: { start: '00:00', end: '00:00' } })).toEqual({
      timeZone: 'UTC',
      workingDays: [1, 3, 5],
      quietHours: { start: '00:00', end: '00:00' },
    });
  });

  it('saves through writeSettings and refuses an invalid policy without touching the stored one', async () => {
    const db = freshDb();
    await writeSettings(db, { reminders: { timeZone: 'Europe/Stockholm', workingDays: [1, 2, 3, 4], quietHours: { start: '18:00', end: '09:00' } } });
    await expect(writeSettings(db, { reminders: { ...DEFAULT_REMINDER_SETTINGS, workingDays: [] } })).rejects.toThrow();
    expect((await readSettings(db)).reminders).toEqual({ timeZone: 'Europe/Stockholm', workingDays: [1, 2, 3, 4], quietHours: { start: '18:00', end: '09:00' } });
    expect(Settings.parse(await readSettings(db))).toBeTruthy();
    db.close();
  });
});
