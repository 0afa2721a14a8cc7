export { lastCheckInSlot } from './check-in-slot';
export { isAllowed, isQuiet, isWorkingDay, localTime, nextAllowed } from './calendar';
export { dueSentence, dueText, formatDueAt, isOverdue, lateness } from './overdue';
export { type MemberReminderRules, memberRulesOver, resolvePolicy } from './policy';
export { dueReminderSlot, nextReminderAt } from './reminder-schedule';
