import type { ReminderPolicy, ReminderSettings } from '@/lib/model';

/** The stored settings as a policy: a null time zone means the device's own (`deviceTimeZone`). */
export function resolvePolicy(settings: ReminderSettings, deviceTimeZone: string): ReminderPolicy {
  return { ...settings, timeZone: settings.timeZone ?? deviceTimeZone };
}
