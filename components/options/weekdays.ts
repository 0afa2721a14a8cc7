/** ISO weekdays' names, Monday (1) first, as the reminder settings list them. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
