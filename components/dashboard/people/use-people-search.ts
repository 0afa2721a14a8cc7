import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { searchBasis } from '@/lib/db/people-filters';
import { type PeoplePage, countMatches, searchPage } from '@/lib/db/people-search';
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
 * A broad search's count follows its own page (`total` null until then), once typing pauses, and
 * is dropped half-read when the text changes; so is a page: a superseded keystroke's search stops
 * reading, and its answer never replaces a newer one's. Undefined while the first answer is on its way.
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
  // With the text it answers: the live query keeps the last text's page while the next one runs.
  const answer = useLiveQuery(
    async () => {
      const page = basis ? await searchPage(db, me, text, basis, limit, () => typed.current === text) : undefined;
      return page && { text, page };
    },
    [db, basis, me.memberId, me.teamId, text, limit],
  );
  const page = answer?.page;
  // Counted once this text's own page shows: the last text's page (still shown while this one
  // runs) would start the count early, competing with the page for the database.
  const counting = answer !== undefined && answer.text === text && answer.page.total === null && settled === text;
  // With the text it counted: a live query keeps its last answer while the next one runs.
  const count = useLiveQuery(
    async () => (basis && counting ? { text, basis, total: await countMatches(db, me, text, basis, () => typed.current === text) } : undefined),
    [db, basis, me.memberId, text, counting],
  );
  return page && page.total === null && count?.text === text && count.basis === basis && count.total !== undefined ? { ...page, total: count.total } : page;
}
