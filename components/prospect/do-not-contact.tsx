import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useUndo } from '@/components/ui/undo-store';
import { TextLimit, isTooLong, limitProps, measureText } from '@/components/ui/text-limit';
import { useAction } from '@/components/ui/use-action';
import { type Me, type Prospect, type ProspectIdentity, REASON_MAX_BYTES, canSetDoNotContact } from '@/lib/model';
import { prospectSetDoNotContact } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { ensureProspect } from '@/lib/prospects/record-visit';

interface Props {
  identity: ProspectIdentity;
  prospect: Prospect | null;
  me: Me | undefined;
}

/** Marks or clears do-not-contact, with a reason; recruiters and admins only. */
export function DoNotContact({ identity, prospect, me }: Props) {
  const db = useDb();
  const [reason, setReason] = useState<string | null>(null);
  const { run, error } = useAction();
  const showUndo = useUndo((s) => s.show);
  if (!me) return null;
  if (!canSetDoNotContact(me.role)) {
    return <p className="muted small">Only recruiters and admins can mark someone do-not-contact.</p>;
  }

  /** Sets or clears it, and offers to put back what was there: one click here is never final. */
  const apply = async (next: string | null) => {
    const before = prospect?.doNotContact?.reason ?? null;
    let prospectId = prospect?.id;
    const done = await run(async () => {
      prospectId ??= await ensureProspect(db, identity);
      await mutate(db, prospectSetDoNotContact, { prospectId, reason: next });
    });
    if (!done || !prospectId) return;
    setReason(null);
    const id = prospectId;
    showUndo({
      id: `dnc-${id}-${Date.now()}`,
      message: next === null ? 'Do-not-contact cleared.' : 'Marked do-not-contact.',
      undo: async () => void (await mutate(db, prospectSetDoNotContact, { prospectId: id, reason: before })),
    });
  };

  if (prospect?.doNotContact) {
    return (
      <div className="dnc">
        <button type="button" onClick={() => void apply(null)}>
          Clear do-not-contact
        </button>
        <ErrorMessage error={error} />
      </div>
    );
  }
  if (reason === null) {
    return (
      <div className="dnc">
        <button type="button" className="danger-outline" onClick={() => setReason('')}>
          Mark do-not-contact…
        </button>
      </div>
    );
  }
  const size = measureText(reason, REASON_MAX_BYTES);
  return (
    <form
      className="dnc"
      onSubmit={(e) => {
        e.preventDefault();
        void apply(reason);
      }}
    >
      <label htmlFor="dnc-reason">Why should nobody contact this person?</label>
      <input
        id="dnc-reason"
        autoFocus
        value={reason}
        {...limitProps('dnc-reason', size)}
        dir="auto"
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setReason(null)}
      />
      <TextLimit id="dnc-reason" size={size} />
      <div className="row">
        <button type="submit" className="danger" disabled={reason.trim() === '' || isTooLong(size)}>
          Mark do-not-contact
        </button>
        <button type="button" onClick={() => setReason(null)}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
