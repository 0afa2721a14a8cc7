import { format } from 'date-fns';
import { dueSentence } from '@/lib/deadlines';

/** "Due in 5 hours" or "Overdue by 2 days", with the exact due time on hover. */
export function DueLabel({ dueAt, now }: { dueAt: number; now: number }) {
  const overdue = now > dueAt;
  return (
    <span className={overdue ? 'due overdue' : 'due'} data-overdue={overdue}>
      <time dateTime={new Date(dueAt).toISOString()} title={`Due ${format(dueAt, 'PPpp')}`}>
        {dueSentence(dueAt, now)}
      </time>
    </span>
  );
}
