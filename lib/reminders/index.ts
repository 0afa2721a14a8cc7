export { BADGE_OVERDUE, BADGE_WAITING, type Badge, badgeFor, decideReminders, type ReminderDecision, type ReminderInput, type ReminderNames } from './decide';
export { emptyMemory, ReminderMemory, type NotificationSpec } from './memory';
export { notificationId, pageFor, parseNotificationId, type NotificationTarget } from './notification-ids';
export { clickTarget, ReminderRunner, type ReminderPorts, type ReminderRunnerDeps } from './runner';
