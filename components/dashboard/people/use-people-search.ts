import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { type PeoplePage, searchBasis, searchWithin } from '@/lib/db/people-search';
import type { Me, PeopleFilters } from '@/lib/model';

/**
 * The People search as live queries: the filters' set of people is worked out again only when a
 * filter or the data changes; a keystroke runs the words and loads one page (lib/db/people-search.ts).
 * Undefined while the first answer is on its way.
 */
export function usePeopleSearch(me: Me, text: string, filters: PeopleFilters, limit: number): PeoplePage | undefined {
  const db = useDb();
  const filtersKey = JSON.stringify(filters);
  const basis = useLiveQuery(() => searchBasis(db, filters), [db, filtersKey]);
  return useLiveQuery(async () => (basis ? searchWithin(db, me, text, basis, limit) : undefined), [db, basis, me.memberId, me.teamId, text, limit]);
}
