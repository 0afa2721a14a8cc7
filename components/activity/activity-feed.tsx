import { memberName, memberObjectName } from '@/components/ui/member-name';
import { RelativeTime } from '@/components/ui/relative-time';
import { Parts } from '@/components/ui/user-text';
import type { Activity, Member, Requisition } from '@/lib/model';
import { activityText } from './activity-text';
import { useFeedSubjects } from './use-feed-subjects';

interface Props {
  activities: Activity[];
  members: Map<string, Member>;
  /** At least every requisition the activities name (their titles). */
  requisitions: ReadonlyMap<string, Requisition>;
  meId: string | undefined;
  now: number;
  /** Shows older activity; absent when the feed holds it all. */
  onShowOlder?: () => void;
}

/** The person's history, newest first: who did what, when. */
export function ActivityFeed({ activities, members, requisitions, meId, now, onShowOlder }: Props) {
  const name = (id: string) => memberName(id, members, meId);
  const subjects = useFeedSubjects(activities, requisitions);
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      {activities.length === 0 && <p className="muted empty">No activity yet. Log outreach above when you reach out.</p>}
      <ol data-testid="activity-feed" className="feed">
        {activities.map((a) => (
          <li key={a.id} data-testid="activity-item" data-kind={a.kind}>
            <span className="who" dir="auto">
              {name(a.actorId)}
            </span>{' '}
            <Parts parts={activityText(a, name, (id) => memberObjectName(id, members, meId), subjects)} />{' '}
            <span className="when">
              <RelativeTime at={a.at} now={now} />
            </span>
          </li>
        ))}
      </ol>
      {onShowOlder && (
        <button type="button" className="link" data-testid="feed-show-older" onClick={onShowOlder}>
          Show older activity
        </button>
      )}
    </section>
  );
}
