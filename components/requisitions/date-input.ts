/**
 * A target date is a calendar day, stored as midnight UTC so every member sees the same day
 * whatever their time zone (`formatDay` in lib/review/summaries.ts reads it back in UTC).
 */
export function dateInputToTimestamp(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(at) ? null : at;
}

export function timestampToDateInput(at: number | null): string {
  return at === null ? '' : new Date(at).toISOString().slice(0, 10);
}
