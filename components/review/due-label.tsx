import { format, formatDistanceStrict } from 'date-fns';

/** "Due in 5 hours" or "Overdue by 2 days", with the exact due time on hover. */
export function DueLabel({ dueAt, now }: { dueAt: number; now: number }) {
  const overdue = now > dueAt;
  const distance = formatDistanceStrict(dueAt, now);
  return (
    <span className={overdue ? 'due overdue' : 'due'} data-overdue={overdue}>
      {overdue ? 'Overdue by ' : 'Due in '}
      <time dateTime={new Date(dueAt).toISOString()} title={`Due ${format(dueAt, 'PPpp')}`}>
        {distance}
      </time>
    </span>
  );
}
