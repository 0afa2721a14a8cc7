import { z } from 'zod';

/** True for a time zone this JavaScript engine knows (IANA names such as `Europe/Stockholm`, or `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneName = z.string().min(1).max(64).refine(isKnownTimeZone, 'must be a known time zone, such as Europe/Stockholm');
