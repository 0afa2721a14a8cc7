import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { mutate } from '@/lib/db/mutate';
import { type Me, NO_FILTERS, type PeopleQuery, type SavedSearch } from '@/lib/model';
import { savedSearchDelete, savedSearchSave } from '@/lib/mutations';

/** Searches every member has: the practice's own ("start your search in your own backyard"). */
export const BUILT_IN_SEARCHES: { name: string; query: PeopleQuery }[] = [{ name: 'Silver medalists', query: { text: '', filters: { ...NO_FILTERS, silverMedalists: true } } }];

/** The member's own saved searches (synced to their devices only), newest name first by locale. */
function useSavedSearches(me: Me): SavedSearch[] | undefined {
  const db = useDb();
  return useLiveQuery(
    async () => (await db.savedSearches.where('ownerId').equals(me.memberId).toArray()).filter((s) => s.deletedAt === null && s.teamId === me.teamId).sort((a, b) => a.name.localeCompare(b.name)),
    [db, me.memberId, me.teamId],
  );
}

/** Built-in and saved searches to apply in one click, and a form to save the current one under a name. */
export function SavedSearches({ me, current, onApply }: { me: Me; current: PeopleQuery; onApply: (query: PeopleQuery) => void }) {
  const db = useDb();
  const id = useId();
  const saved = useSavedSearches(me);
  const [name, setName] = useState('');
  const { run, error, busy } = useAction();
  const save = () =>
    run(async () => {
      const existing = saved?.find((s) => s.name.trim().toLowerCase() === name.trim().toLowerCase());
      await mutate(db, savedSearchSave, { id: existing?.id, name: name.trim(), query: current });
      setName('');
    });
  return (
    <section className="people-saved" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Saved searches</h3>
      <ul>
        {[...BUILT_IN_SEARCHES.map((s) => ({ ...s, id: null })), ...(saved ?? [])].map((s) => (
          <li key={s.id ?? `built-in:${s.name}`}>
            <button type="button" className="link" data-testid="people-saved-search" onClick={() => onApply(s.query)}>
              {s.name}
            </button>
            {s.id !== null && (
              <button type="button" className="link" aria-label={`Delete saved search ${s.name}`} onClick={() => void run(() => mutate(db, savedSearchDelete, { id: s.id }))}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor={`${id}-name`}>Save this search as</label>
        <input id={`${id}-name`} type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={busy || name.trim() === ''}>
          Save search
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
