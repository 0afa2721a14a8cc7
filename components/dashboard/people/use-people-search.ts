import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { type PeoplePage, countMatches, searchBasis, searchWithin } from '@/lib/db/people-search';
import type { Me, PeopleFilters } from '@/lib/model';

/**
 * How long the text stays as it is before a broad search is counted: while someone types, the
 * count (tens of thousands of index entries for one letter) would compete with the next
 * keystroke's page for the database.
 */
export const COUNT_AFTER_MS = 300;

/**
 * The People search as live queries: the filters' set of people is worked out again only when a
 * filter or the data changes; a keystroke runs the words and loads one page (lib/db/people-search.ts).
 * A broad search's count follows its page (`total` null until then), once typing pauses, and is
 * dropped half-read when the text changes.
 * Undefined while the first answer is on its way.
 */
export function usePeopleSearch(me: Me, text: string, filters: PeopleFilters, limit: number): PeoplePage | undefined {
  const db = useDb();
  const typed = useRef(text);
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    typed.current = text;
    const timer = setTimeout(() => setSettled(text), COUNT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const filtersKey = JSON.stringify(filters);
  const basis = useLiveQuery(() => searchBasis(db, filters), [db, filtersKey]);
  const page = useLiveQuery(async () => (basis ? searchWithin(db, me, text, basis, limit) : undefined), [db, basis, me.memberId, me.teamId, text, limit]);
  const counting = page !== undefined && page.total === null && settled === text;
  // With the text it counted: a live query keeps its last answer while the next one runs.
  const count = useLiveQuery(
    async () => (basis && counting ? { text, basis, total: await countMatches(db, me, text, basis, () => typed.current === text) } : undefined),
    [db, basis, me.memberId, text, counting],
  );
  return page && page.total === null && count?.text === text && count.basis === basis && count.total !== undefined ? { ...page, total: count.total } : page;
}
