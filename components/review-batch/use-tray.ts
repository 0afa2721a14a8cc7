import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { membersById, resolvePeople } from '@/lib/db/queries';
import { openRequestsForProspect, openRequisitions } from '@/lib/db/review-queries';
import { readMe } from '@/lib/db/local-state';
import { readTray } from '@/lib/review/batch-tray';

/** The batch tray with what it needs to show: the people's names and open reviews, the open requisitions, the team. */
export function useTray() {
  const db = useDb();
  return useLiveQuery(async () => {
    const [tray, reqs, members, me] = await Promise.all([readTray(db), openRequisitions(db), membersById(db), readMe(db)]);
    const [people, openReviews] = await Promise.all([resolvePeople(db, tray.prospectIds), Promise.all(tray.prospectIds.map((id) => openRequestsForProspect(db, id)))]);
    return {
      tray,
      me,
      members,
      openRequisitions: reqs,
      people: tray.prospectIds.map((id, i) => ({ id, name: people[i]?.name ?? 'Someone no longer on this device', openReviews: openReviews[i]! })),
    };
  }, [db]);
}
