import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useDb } from '@/components/ui/db-context';
import { type PeoplePage, countMatches, searchBasis, searchWithin } from '@/lib/db/people-search';
import type { Me, PeopleFilters } from '@/lib/model';

/**
 * The People search as live queries: the filters' set of people is worked out again only when a
 * filter or the data changes; a keystroke runs the words and loads one page (lib/db/people-search.ts).
 * A broad search's count follows its page (`total` null until then) and is dropped half-read
 * when the text changes, so it never holds up the next keystroke.
 * Undefined while the first answer is on its way.
 */
export function usePeopleSearch(me: Me, text: string, filters: PeopleFilters, limit: number): PeoplePage | undefined {
  const db = useDb();
  const typed = useRef(text);
  useEffect(() => {
    typed.current = text;
  }, [text]);
  const filtersKey = JSON.stringify(filters);
  const basis = useLiveQuery(() => searchBasis(db, filters), [db, filtersKey]);
  const page = useLiveQuery(async () => (basis ? searchWithin(db, me, text, basis, limit) : undefined), [db, basis, me.memberId, me.teamId, text, limit]);
  const counting = page !== undefined && page.total === null;
  const count = useLiveQuery(async () => (basis && counting ? countMatches(db, me, text, basis, () => typed.current === text) : undefined), [db, basis, me.memberId, text, counting]);
  return page && page.total === null && count !== undefined ? { ...page, total: count } : page;
}
