import { useId } from 'react';
import type { Requisition } from '@/lib/model';

const STATUS_WORDS: Record<Requisition['status'], string> = { open: '', on_hold: ' (on hold)', closed: ' (closed)' };

/** Which requisition a per-requisition view shows. */
export function RequisitionPicker({ requisitions, selected, onChange }: { requisitions: readonly Requisition[]; selected: Requisition | null; onChange: (id: string) => void }) {
  const id = useId();
  if (requisitions.length === 0) return null;
  return (
    <div className="dashboard-picker">
      <label htmlFor={id}>Requisition</label>
      <select id={id} data-testid="dashboard-requisition" value={selected?.id ?? ''} onChange={(event) => onChange(event.target.value)}>
        {!selected && <option value="">Choose a requisition</option>}
        {requisitions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
            {STATUS_WORDS[r.status]}
          </option>
        ))}
      </select>
    </div>
  );
}
