import { dueText } from '@/lib/deadlines';
import { DECLINE_REASON_LABELS } from '@/lib/model';
import type { CheckIn, CheckInAction, CheckInActionItem } from './check-in';
import { formatAmount } from './figures';

/** "Riley Recruiter (recruiter)": who an action is for. */
export const actionWho = (action: CheckInAction) => `${action.who} (${action.role})`;

/** One thing to do, in words: "Decide on Ada Lovelace, Bo Li — overdue by 2 days"; "Move on or close Ada Lovelace: 12.5 days in Screen (median 3)". */
export function actionText(item: CheckInActionItem, now: number): string {
  const names = item.names.join(', ');
  if (item.kind === 'overdue-review') return `Decide on ${names} — ${dueText(item.dueAt!, now)}`;
  return `Move on or close ${names}: ${formatAmount(item.days)} days in ${item.stage} (median ${formatAmount(item.medianDays)})`;
}

export const declineReason = (reason: CheckIn['offerDeclines'][number]['reason']) => DECLINE_REASON_LABELS[reason];
