import { format, formatDistanceStrict } from 'date-fns';

/** "3 days ago", with the exact time on hover and for assistive technology. */
export function RelativeTime({ at, now }: { at: number; now: number }) {
  const exact = format(at, 'PPpp');
  const text = Math.abs(now - at) < 45_000 ? 'just now' : formatDistanceStrict(at, now, { addSuffix: true });
  return (
    <time dateTime={new Date(at).toISOString()} title={exact}>
      {text}
    </time>
  );
}
