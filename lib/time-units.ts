/** Fixed spans in milliseconds: an hour, and a day of 24 hours (calendar days in a time zone are `lib/deadlines`'). */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
