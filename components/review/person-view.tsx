import { memo } from 'react';
import { activityText } from '@/components/activity/activity-text';
import { memberName } from '@/components/ui/member-name';
import { RelativeTime } from '@/components/ui/relative-time';
import { LongText } from '@/components/ui/long-text';
import { Parts } from '@/components/ui/user-text';
import { joined } from '@/lib/text-parts';
import type { Member, Note, Prospect, Requisition } from '@/lib/model';
import { profileLink } from '@/lib/sites/profile-link';
import { SITE_NAMES } from '@/lib/sites/site-names';
import type { DecisionActivity } from './use-review-data';

interface Props {
  prospect: Prospect | null;
  /** undefined: still being read (only just after the page opened). */
  notes: Note[] | undefined;
  earlierDecisions: DecisionActivity[] | undefined;
  members: Map<string, Member>;
  requisitions: Map<string, Requisition>;
  meId: string | undefined;
  now: number;
}

/**
 * One person of the batch: who they are, where to read more, and what the team already thinks.
 * Memoised: moving to the next person renders only this card and the decision panel.
 */
export const PersonView = memo(function PersonView({ prospect, notes, earlierDecisions, members, requisitions, meId, now }: Props) {
  if (!prospect) {
    return (
      <article className="review-person" aria-labelledby="review-person-name">
        <h1 id="review-person-name" data-testid="review-person-name">
          Someone no longer in Tandem
        </h1>
        <p className="muted">This person was removed from Tandem, or their record has not reached this device yet.</p>
      </article>
    );
  }
  const name = (id: string) => memberName(id, members, meId);
  const place = [prospect.company, prospect.location].filter((p): p is string => Boolean(p));
  const links = prospect.profiles.flatMap((p) => {
    const href = profileLink(p);
    return href ? [{ ...p, href }] : [];
  });
  return (
    <article className="review-person" aria-labelledby="review-person-name">
      <header>
        <h1 id="review-person-name" data-testid="review-person-name" dir="auto">
          {prospect.name}
        </h1>
        {prospect.headline && (
          <p className="headline" dir="auto">
            {prospect.headline}
          </p>
        )}
        {place.length > 0 && (
          <p className="muted">
            <Parts parts={joined(place, ' · ')} />
          </p>
        )}
        {links.length > 0 && (
          <ul className="profile-links">
            {links.map((p) => (
              <li key={p.key}>
                <a href={p.href} target="_blank" rel="noopener noreferrer">
                  Open {SITE_NAMES[p.site]} profile <span aria-hidden="true">↗</span>
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        {prospect.doNotContact && (
          <p className="review-dnc">
            Do not contact: <span dir="auto">{prospect.doNotContact.reason}</span>
          </p>
        )}
      </header>

      <section aria-labelledby="review-earlier-heading">
        <h2 id="review-earlier-heading">Earlier decisions</h2>
        {earlierDecisions === undefined ? (
          <Reading />
        ) : earlierDecisions.length === 0 ? (
          <p className="muted empty">No earlier reviews of this person.</p>
        ) : (
          <ol className="feed" data-testid="review-earlier-decisions">
            {earlierDecisions.map((a) => {
              const role = a.requisitionId ? requisitions.get(a.requisitionId)?.title : undefined;
              return (
                <li key={a.id} data-kind={a.kind} className={`verdict-${a.data.verdict}`}>
                  <span className="who" dir="auto">
                    {name(a.actorId)}
                  </span>{' '}
                  <Parts parts={activityText(a, name)} />
                  {role && (
                    <span className="muted">
                      {' · '}
                      <span dir="auto">{role}</span>
                    </span>
                  )}{' '}
                  <span className="when">
                    <RelativeTime at={a.at} now={now} />
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section aria-labelledby="review-notes-heading">
        <h2 id="review-notes-heading">Team notes</h2>
        {notes === undefined ? (
          <Reading />
        ) : notes.length === 0 ? (
          <p className="muted empty">No notes on this person yet.</p>
        ) : (
          <ul className="notes" data-testid="review-notes">
            {notes.map((n) => (
              <li key={n.id} className="note">
                <div className="meta">
                  <span className="who" dir="auto">
                    {name(n.authorId)}
                  </span>{' '}
                  <RelativeTime at={n.createdAt} now={now} />
                  {n.visibility === 'private' && <span className="badge">Only you</span>}
                </div>
                <LongText className="body" text={n.body} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
});

/** What shows for the moment a person's history is still being read. */
function Reading() {
  return (
    <p className="muted" aria-busy="true">
      Reading…
    </p>
  );
}
