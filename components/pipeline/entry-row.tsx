import { useEffect, useRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { Parts, isolate } from '@/components/ui/user-text';
import { mutate } from '@/lib/db/mutate';
import type { PipelineEntry, Requisition } from '@/lib/model';
import { pipelineMove } from '@/lib/mutations';
import { ClosingForm, type ClosingReason } from './closing-form';
import { CLOSING_LABELS, entryStatusText } from './pipeline-words';

type Closing = keyof typeof CLOSING_LABELS;
type Choice = { kind: 'stage'; stage: string } | { kind: 'close'; status: Closing };

// The select's values: a stage, or a way to close ("close:rejected").
const valueOf = (entry: PipelineEntry) => (entry.status === 'active' ? `stage:${entry.stage}` : `close:${entry.status}`);
const choiceOf = (value: string): Choice => (value.startsWith('stage:') ? { kind: 'stage', stage: value.slice(6) } : { kind: 'close', status: value.slice(6) as Closing });

const BUTTON: Record<Closing, string> = { hired: 'Mark hired', rejected: 'Reject…', withdrew: 'Record withdrawal…' };

interface Props {
  entry: PipelineEntry;
  requisition: Requisition;
  /** Focus the stage when it appears (the person was just added). */
  focusOnMount: boolean;
}

/**
 * One requisition's stage for the person. Choosing in the select only prepares the change (the
 * arrow keys change a closed select's value on some systems, and each change would be a move):
 * the button next to it makes it, asking first why a process ends. Esc goes back to the stage.
 */
export function EntryRow({ entry, requisition, focusOnMount }: Props) {
  const db = useDb();
  const id = `pipeline-${entry.id}`;
  const current = valueOf(entry);
  const [draft, setDraft] = useState<string | null>(null);
  const [closing, setClosing] = useState<'rejected' | 'withdrew' | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const { run, error, busy } = useAction();
  // A teammate's move may make the draft what the entry already says.
  const value = draft ?? current;
  const choice = choiceOf(value);

  useEffect(() => {
    if (focusOnMount) select.current?.focus();
  }, [focusOnMount]);

  const back = () => {
    setDraft(null);
    setClosing(null);
    // After the form unmounts, so focus does not fall to the page.
    requestAnimationFrame(() => select.current?.focus());
  };

  const move = async (args: { stage?: string; status: PipelineEntry['status'] } & Partial<ClosingReason>) => {
    if (await run(() => mutate(db, pipelineMove, { prospectId: entry.prospectId, requisitionId: entry.requisitionId, ...args }))) back();
  };

  const apply = () => {
    if (choice.kind === 'stage') void move({ stage: choice.stage, status: 'active' });
    else if (choice.status === 'hired') void move({ status: 'hired' });
    else setClosing(choice.status);
  };

  return (
    <div
      className="pipeline-entry"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && (draft !== null || closing !== null)) {
          e.preventDefault();
          e.stopPropagation();
          back();
        }
      }}
    >
      <label htmlFor={id}>
        Stage for <span dir="auto">{requisition.title}</span>
        {requisition.status === 'on_hold' && ' (on hold)'}
      </label>
      <div className="row">
        <select id={id} ref={select} data-testid="pipeline-stage" value={value} disabled={busy || closing !== null} onChange={(e) => setDraft(e.target.value === current ? null : e.target.value)}>
          <optgroup label="Stages">
            {!requisition.stages.includes(entry.stage) && (
              <option value={`stage:${entry.stage}`} disabled>
                {isolate(entry.stage)} (no longer a stage)
              </option>
            )}
            {requisition.stages.map((stage) => (
              <option key={stage} value={`stage:${stage}`}>
                {isolate(stage)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Close">
            {(Object.keys(CLOSING_LABELS) as Closing[]).map((status) => (
              <option key={status} value={`close:${status}`}>
                {CLOSING_LABELS[status]}
              </option>
            ))}
          </optgroup>
        </select>
        {value !== current && closing === null && (
          <button type="button" data-testid="pipeline-move" aria-describedby={`${id}-label`} disabled={busy} onClick={apply}>
            {choice.kind === 'close' ? BUTTON[choice.status] : entry.status === 'active' ? 'Move' : 'Reopen'}
          </button>
        )}
      </div>
      <span id={`${id}-label`} className="visually-hidden">
        for <span dir="auto">{requisition.title}</span>
      </span>
      {entry.status !== 'active' && (
        <p className="small muted" data-testid="pipeline-status">
          <Parts parts={entryStatusText(entry)} />
        </p>
      )}
      {closing && <ClosingForm status={closing} stage={entry.stage} title={requisition.title} busy={busy} onCancel={back} onSubmit={(r) => void move({ status: closing, ...r })} />}
      <ErrorMessage error={error} />
    </div>
  );
}
