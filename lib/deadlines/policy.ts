import type { Member, ReminderPolicy, ReminderSettings } from '@/lib/model';

/** What a member's own record says about when to remind them (synced; null or absent: no choice). */
export type MemberReminderRules = Partial<Pick<Member, 'timeZone' | 'workingDays' | 'quietHours'>>;

/**
 * The device's reminder settings with the member's own choices over them. Working days and quiet
 * hours set on the member's record (from Options on any device, or the review link's mail
 * settings page) win, so the extension reminds by the rules the server mails by.
 */
export function memberRulesOver(settings: ReminderSettings, member: MemberReminderRules | null | undefined): ReminderSettings {
  return {
    ...settings,
    workingDays: member?.workingDays ?? settings.workingDays,
    quietHours: member?.quietHours ?? settings.quietHours,
  };
}

/**
 * The stored settings as a policy, the member's own choices first (`memberRulesOver`). The time
 * zone is the member's own (set under Options → You, synced with the team); a member who has none
 * follows a zone this device kept from before members had one (`settings.timeZone`, no longer
 * edited), else the device's own zone.
 */
export function resolvePolicy(settings: ReminderSettings, deviceTimeZone: string, member: MemberReminderRules | null = null): ReminderPolicy {
  const rules = memberRulesOver(settings, member);
  return { ...rules, timeZone: member?.timeZone ?? settings.timeZone ?? deviceTimeZone };
}
