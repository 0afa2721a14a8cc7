/**
 * How a figure is written for people, the same on the page, in the Markdown and in print, so the
 * text a recruiter pastes says what the dashboard showed. `data-value` and the CSV keep the
 * unrounded number.
 */
export const NO_FIGURE = '–';

export function formatShare(value: number | null): string {
  return value === null ? NO_FIGURE : `${Math.round(value * 100)}%`;
}

/** Days and hours with one decimal, dropped when whole: "3", "2.5". */
export function formatAmount(value: number | null): string {
  if (value === null) return NO_FIGURE;
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
