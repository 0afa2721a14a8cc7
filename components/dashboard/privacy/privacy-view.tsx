import { format } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/components/ui/db-context';
import { memberName } from '@/components/ui/member-name';
import { chosenTimeZone } from '@/lib/db/my-time-zone';
import { addedBy, noticesDue } from '@/lib/db/privacy-queries';
import { SITE_NAMES } from '@/lib/model';
import { calendarDaysBetween, noticeDueText } from '@/lib/privacy/notice-clock';
import { profileLink } from '@/lib/sites/profile-link';
import type { DashboardViewProps } from '../dashboard-view-props';

/** The list shows this many; the rest are counted (the oldest come first, so none is hidden that is more urgent). */
const SHOWN = 200;

/**
 * Privacy notices due (GDPR Article 14): every person the team stored whose notice nobody has
 * logged sent, soonest deadline first (the most overdue at the top), with who added them and a
 * link to their profile, where the sidebar logs the notice.
 */
export function PrivacyView({ me, members, now }: DashboardViewProps) {
  const db = useDb();
  const view = useLiveQuery(async () => {
    const [due, timeZone] = await Promise.all([noticesDue(db, { limit: SHOWN + 1 }), chosenTimeZone(db)]);
    const adders = await Promise.all(due.slice(0, SHOWN).map(({ person }) => addedBy(db, person)));
    return { due, adders, timeZone: timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone };
  }, [db]);
  if (!view) return <p className="muted">Loading…</p>;
  if (view.due.length === 0) return <p className="muted">No privacy notice is due: everyone the team stored has been told.</p>;
  const byId = new Map(members.map((m) => [m.id, m]));
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">Privacy notices due</h2>
      <p className="muted small">People the team stored and has not yet told that it holds their data. Open their profile and log the notice in the sidebar.</p>
      <ol className="notices-due">
        {view.due.slice(0, SHOWN).map(({ person, dueAt }, i) => {
          const link = profileLink(person.profiles[0]);
          const daysLeft = calendarDaysBetween(now, dueAt, view.timeZone);
          const adder = view.adders[i];
          return (
            <li key={person.id} data-testid="notice-due-item" data-prospect-id={person.id}>
              {link ? (
                <a href={link} target="_blank" rel="noopener noreferrer" aria-label={`Open profile of ${person.name} on ${SITE_NAMES[person.profiles[0]!.site]} (new tab)`} dir="auto">
                  {person.name}
                </a>
              ) : (
                <span dir="auto">{person.name}</span>
              )}{' '}
              <span className={daysLeft < 0 ? 'overdue' : 'muted'}>— {noticeDueText(daysLeft)}</span>
              <span className="small muted">
                {' '}
                (due {format(dueAt, 'd MMM yyyy')}
                {adder && (
                  <>
                    , added by <span dir="auto">{memberName(adder, byId, me.memberId)}</span>
                  </>
                )}
                )
              </span>
            </li>
          );
        })}
      </ol>
      {view.due.length > SHOWN && <p className="muted small">And more: the list shows the {SHOWN} most urgent.</p>}
    </section>
  );
}
