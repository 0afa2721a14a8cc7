import type { MouseEvent } from 'react';
import { plural } from '@/components/ui/plural';
import type { Member, Requisition, ReviewRequest } from '@/lib/model';
import { isOverdue } from '@/lib/deadlines';
import { REQUISITION_STATUS_LABELS } from '@/lib/review/summaries';
import { nameOf } from './team';

const STATUS_ORDER: Record<Requisition['status'], number> = { open: 0, on_hold: 1, closed: 2 };

/** Open requisitions first, then on hold, then closed; by title within each. */
export function sortRequisitions(rows: readonly Requisition[]): Requisition[] {
  return [...rows].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.title.localeCompare(b.title));
}

interface Props {
  requisitions: Requisition[];
  requests: ReviewRequest[];
  members: ReadonlyMap<string, Member>;
  selectedId: string | null;
  now: number;
  onSelect: (id: string) => void;
}

/** Every requisition, as links (`#<id>`), with what waits on each. */
export function RequisitionList({ requisitions, requests, members, selectedId, now, onSelect }: Props) {
  if (requisitions.length === 0) return null;
  return (
    <ul className="requisition-list" data-testid="requisition-list">
      {requisitions.map((r) => {
        const open = requests.filter((q) => q.requisitionId === r.id && q.status === 'open' && q.deletedAt === null);
        const overdue = open.filter((q) => isOverdue(q, now)).length;
        const waiting = open.length === 0 ? 'no open reviews' : `${plural(open.length, 'open review', 'open reviews')}${overdue > 0 ? `, ${overdue} overdue` : ''}`;
        return (
          <li key={r.id} data-testid="requisition-item" data-status={r.status}>
            <a
              href={`#${r.id}`}
              aria-current={r.id === selectedId ? 'page' : undefined}
              onClick={(e: MouseEvent) => {
                // A plain click stays in the page; modified clicks (new tab) keep the browser's behaviour.
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                onSelect(r.id);
              }}
            >
              <span className="requisition-list-title" dir="auto">
                {r.title}
              </span>
              <span className="requisition-list-meta">
                {r.status !== 'open' && <span className={`status-pill status-${r.status}`}>{REQUISITION_STATUS_LABELS[r.status]}</span>}
                {' '}
                <span dir="auto">{nameOf(members, r.hiringManagerId)}</span>
                {' · '}
                <span className={overdue > 0 ? 'overdue-text' : undefined}>{waiting}</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
