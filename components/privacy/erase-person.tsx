import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { mutate } from '@/lib/db/mutate';
import { type Me, type Prospect, canErasePeople } from '@/lib/model';
import { namesMatch, prospectErase } from '@/lib/mutations';

/**
 * "Erase this person…" (recruiters and admins): everything the team holds about them goes, on
 * every device, and only the suppression entry stays. Confirmed by typing their name, since it
 * cannot be undone.
 */
export function ErasePerson({ prospect, me }: { prospect: Prospect | null; me: Me | undefined }) {
  const db = useDb();
  const { run, error, busy } = useAction();
  const [typed, setTyped] = useState<string | null>(null);
  if (!prospect || !me || !canErasePeople(me.role)) return null;
  if (typed === null) {
    return (
      <div className="erase">
        <button type="button" className="danger-outline" data-testid="erase-person" onClick={() => setTyped('')}>
          Erase this person…
        </button>
      </div>
    );
  }
  return (
    <form
      className="erase"
      aria-labelledby="erase-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => mutate(db, prospectErase, { prospectId: prospect.id, confirmName: typed }));
      }}
    >
      <h2 id="erase-heading">Erase {prospect.name} everywhere</h2>
      <p className="small">
        Their record, profiles, feed, notes (private ones too), pipeline, reviews and follow-ups are deleted for the whole team. Only a note that
        they asked to be forgotten stays, so nobody sources them again. This cannot be undone.
      </p>
      <label htmlFor="erase-name">Type their name to confirm</label>
      <input id="erase-name" data-testid="erase-confirm-name" autoFocus dir="auto" value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setTyped(null)} />
      <div className="row">
        <button type="submit" className="danger" data-testid="erase-submit" disabled={busy || !namesMatch(typed, prospect.name)}>
          Erase everywhere
        </button>
        <button type="button" onClick={() => setTyped(null)}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
