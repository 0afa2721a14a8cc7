import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import type { Activity, Requisition } from '@/lib/model';
import type { FeedSubjects } from './activity-text';

/**
 * Names of the people a feed's entries mention, live, and the titles of its requisitions from
 * the view that holds them (the person's view reads every requisition their rows name).
 */
export function useFeedSubjects(activities: readonly Activity[], requisitions: ReadonlyMap<string, Requisition>): FeedSubjects {
  const db = useDb();
  const prospectIds = [...new Set(activities.map((a) => a.prospectId))].sort().join(' ');
  const people = useLiveQuery(async () => {
    const rows = await db.prospects.bulkGet(prospectIds ? prospectIds.split(' ') : []);
    return new Map(rows.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
  }, [db, prospectIds]);
  return {
    person: (id) => people?.get(id),
    requisition: (id) => {
      const requisition = requisitions.get(id);
      return requisition && requisition.deletedAt === null ? requisition.title : undefined;
    },
  };
}
