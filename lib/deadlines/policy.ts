import type { ReminderPolicy, ReminderSettings } from '@/lib/model';

/**
 * The stored settings as a policy. The time zone is the member's own (set under Options → You,
 * synced with the team); a member who has none follows a zone this device kept from before
 * members had one (`settings.timeZone`, no longer edited), else the device's own zone.
 */
export function resolvePolicy(settings: ReminderSettings, deviceTimeZone: string, memberTimeZone: string | null = null): ReminderPolicy {
  return { ...settings, timeZone: memberTimeZone ?? settings.timeZone ?? deviceTimeZone };
}
