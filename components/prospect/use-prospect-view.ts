import { useLiveQuery } from 'dexie-react-hooks';
import { readMe, readSettings } from '@/lib/db/local-state';
import { activitiesFor, findProspectByKey, membersById, notesFor, pipelineFor } from '@/lib/db/queries';
import { openRequestsForProspect } from '@/lib/db/review-queries';
import type { Activity, Me, Member, Note, PipelineEntry, Prospect, Requisition, ReviewRequest, Settings } from '@/lib/model';
import { useDb } from '@/components/ui/db-context';

export interface ProspectView {
  me: Me | undefined;
  settings: Settings;
  members: Map<string, Member>;
  /** null: the team has no record of this person yet. */
  prospect: Prospect | null;
  activities: Activity[];
  notes: Note[];
  openReviews: ReviewRequest[];
  pipeline: PipelineEntry[];
  /** The team's requisitions by id (the pipeline's titles and stages). */
  requisitions: Map<string, Requisition>;
}

/** Everything the team knows about the person with this profile key, live across contexts. */
export function useProspectView(profileKey: string): ProspectView | undefined {
  const db = useDb();
  return useLiveQuery(async (): Promise<ProspectView> => {
    const [me, settings, members, prospect, requisitionRows] = await Promise.all([
      readMe(db),
      readSettings(db),
      membersById(db),
      findProspectByKey(db, profileKey),
      db.requisitions.toArray(),
    ]);
    const requisitions = new Map(requisitionRows.map((r) => [r.id, r]));
    if (!prospect) return { me, settings, members, prospect: null, activities: [], notes: [], openReviews: [], pipeline: [], requisitions };
    const [activities, notes, openReviews, pipeline] = await Promise.all([
      activitiesFor(db, prospect.id),
      me ? notesFor(db, prospect.id, me.memberId) : Promise.resolve([]),
      openRequestsForProspect(db, prospect.id),
      pipelineFor(db, prospect.id),
    ]);
    return { me, settings, members, prospect, activities, notes, openReviews, pipeline, requisitions };
  }, [db, profileKey]);
}
