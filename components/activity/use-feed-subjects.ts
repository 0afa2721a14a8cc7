import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import type { Activity } from '@/lib/model';
import type { FeedSubjects } from './activity-text';

/** Names of the people and titles of the requisitions a feed's entries mention, live. */
export function useFeedSubjects(activities: readonly Activity[]): FeedSubjects {
  const db = useDb();
  const prospectIds = [...new Set(activities.map((a) => a.prospectId))].sort().join(' ');
  const found = useLiveQuery(async () => {
    const [people, requisitions] = await Promise.all([db.prospects.bulkGet(prospectIds ? prospectIds.split(' ') : []), db.requisitions.toArray()]);
    return {
      people: new Map(people.flatMap((p) => (p ? [[p.id, p.name] as const] : []))),
      requisitions: new Map(requisitions.filter((r) => r.deletedAt === null).map((r) => [r.id, r.title] as const)),
    };
  }, [db, prospectIds]);
  return { person: (id) => found?.people.get(id), requisition: (id) => found?.requisitions.get(id) };
}
