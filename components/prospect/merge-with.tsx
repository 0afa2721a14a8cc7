import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { mutate } from '@/lib/db/mutate';
import type { Prospect } from '@/lib/model';
import { prospectMerge } from '@/lib/mutations';
import { PeopleSearch, PersonName } from './people-search';

/**
 * "Merge with…": two records the team has of one person become one, `person` staying. Asked
 * with both names, since it cannot be taken back from the sidebar.
 */
export function MergeWith({ person }: { person: Prospect }) {
  const db = useDb();
  const { run, error, busy } = useAction();
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState<Prospect | null>(null);
  const close = () => {
    setOpen(false);
    setOther(null);
  };
  if (!open) {
    return (
      <div className="merge-with">
        <button type="button" onClick={() => setOpen(true)}>
          Merge with…
        </button>
      </div>
    );
  }
  return (
    <section aria-labelledby="merge-heading" className="merge-with">
      <h2 id="merge-heading">Merge with another record of this person</h2>
      {other ? (
        <div className="confirm" role="group" aria-label="Confirm the merge">
          <p>
            Merge <PersonName person={other} /> into <PersonName person={person} />? Their profiles, notes, feed, pipeline and reviews will
            all show under <span dir="auto">{person.name}</span>. This cannot be undone here.
          </p>
          <div className="row">
            <button type="button" className="danger" disabled={busy} onClick={() => void run(() => mutate(db, prospectMerge, { intoId: person.id, fromId: other.id })).then((ok) => ok && close())}>
              Merge into <span dir="auto">{person.name}</span>
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
          <PeopleSearch label="Find the other record" exclude={[person.id]} action="Merge with" onPick={setOther} />
          <button type="button" onClick={close}>
            Cancel
          </button>
        </>
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
