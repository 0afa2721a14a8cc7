import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import type { Prospect } from '@/lib/model';
import { readIndexBacklog } from '@/lib/db/deferred-indexes';
import { searchPeople } from '@/lib/prospects/page-match';

interface Props {
  /** The field's label, as the member would look for it. */
  label: string;
  /** People not to offer (the person themselves). */
  exclude?: readonly string[];
  /** The words on each result's button, before the person's name: "Same person:", "Merge with". */
  action: string;
  onPick: (person: Prospect) => void;
}

/** Finds the team's people by the start of any word of their name (lib/prospects/page-match.ts). */
export function PeopleSearch({ label, exclude = [], action, onPick }: Props) {
  const db = useDb();
  const id = useId();
  const [text, setText] = useState('');
  const found = useLiveQuery(() => searchPeople(db, text), [db, text]);
  // A first sign-in stores people before their name words (lib/db/deferred-indexes.ts).
  const indexing = useLiveQuery(async () => {
    const backlog = await readIndexBacklog(db);
    return backlog !== undefined && backlog.table !== 'notes';
  }, [db]);
  const people = (found ?? []).filter((p) => !exclude.includes(p.id));
  return (
    <div className="people-search">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={text} dir="auto" autoComplete="off" aria-describedby={indexing ? `${id}-indexing` : undefined} onChange={(e) => setText(e.target.value)} />
      {indexing && (
        <p id={`${id}-indexing`} className="muted small" data-testid="name-search-indexing">
          Still indexing the team’s people by name: until it finishes, someone may not be found here.
        </p>
      )}
      {text.trim() !== '' && found !== undefined && (
        <ul aria-label={`People matching “${text.trim()}”`}>
          {people.length === 0 && <li className="muted small">Nobody in the team by that name.</li>}
          {people.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => onPick(p)}>
                {action} <PersonName person={p} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Ada Lovelace (Analytical Engines)": the name, and the company when there is one, each as page text. */
export function PersonName({ person }: { person: Pick<Prospect, 'name' | 'company'> }) {
  return (
    <>
      <span dir="auto">{person.name}</span>
      {person.company && (
        <>
          {' ('}
          <span dir="auto">{person.company}</span>
          {')'}
        </>
      )}
    </>
  );
}
