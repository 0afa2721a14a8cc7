import { useId, useRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { SubmitOrCancel } from '@/components/ui/submit-or-cancel';
import { useAction } from '@/components/ui/use-action';
import { isolate } from '@/components/ui/user-text';
import { mutate } from '@/lib/db/mutate';
import type { ProspectIdentity, Requisition } from '@/lib/model';
import { pipelineMove } from '@/lib/mutations';
import { ensureProspect } from '@/lib/prospects/record-visit';

interface Props {
  identity: ProspectIdentity;
  /** Open requisitions the person is not in yet (at least one). */
  requisitions: Requisition[];
  /** Called with the entry's id once added, so its stage can take focus. */
  onAdded: (entryId: string) => void;
}

/** "Add to a requisition": which one and at which stage (its first by default). */
export function AddToRequisition({ identity, requisitions, onAdded }: Props) {
  const db = useDb();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [requisitionId, setRequisitionId] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const { run, error, busy } = useAction();
  const chosen = requisitions.find((r) => r.id === requisitionId) ?? requisitions[0]!;
  const chosenStage = stage !== null && chosen.stages.includes(stage) ? stage : chosen.stages[0]!;

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  const add = async () => {
    let entryId: string | undefined;
    const done = await run(async () => {
      const prospectId = await ensureProspect(db, identity);
      ({ result: entryId } = await mutate(db, pipelineMove, { prospectId, requisitionId: chosen.id, stage: chosenStage }));
    });
    if (!done) return;
    setOpen(false);
    if (entryId) onAdded(entryId);
  };

  return (
    <div className="pipeline-add">
      <button type="button" ref={toggle} data-testid="pipeline-add" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => (open ? close() : setOpen(true))}>
        Add to a requisition
      </button>
      {open && (
        <form
          id={`${id}-form`}
          aria-label="Add to a requisition"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-requisition`}>Requisition</label>
            <select id={`${id}-requisition`} autoFocus value={chosen.id} onChange={(e) => setRequisitionId(e.target.value)}>
              {requisitions.map((r) => (
                <option key={r.id} value={r.id}>
                  {isolate(r.title)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-stage`}>Stage</label>
            <select id={`${id}-stage`} value={chosenStage} onChange={(e) => setStage(e.target.value)}>
              {chosen.stages.map((s) => (
                <option key={s} value={s}>
                  {isolate(s)}
                </option>
              ))}
            </select>
          </div>
          <SubmitOrCancel testId="pipeline-add-submit" disabled={busy} onCancel={close}>
            Add
          </SubmitOrCancel>
        </form>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
