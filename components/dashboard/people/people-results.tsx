import { format } from 'date-fns';
import { type KeyboardEvent, useRef } from 'react';
import type { PersonResult } from '@/lib/db/people-search';
import { SITE_NAMES } from '@/lib/sites/site-names';

interface Props {
  results: PersonResult[];
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  /** Null when the member may not gather review batches, or no requisition is open. */
  onAddToReview: ((id: string) => void) | null;
  inReview: ReadonlySet<string>;
}

const profileOf = (result: PersonResult) => result.person.profiles[0] ?? null;

/**
 * One page of people, newest activity first. The rows take the arrow keys (Home and End too) and
 * Enter opens the person's profile in a new tab; every control is also reachable by Tab.
 */
export function PeopleResults({ results, selected, onSelect, onAddToReview, inReview }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const rows = () => [...(list.current?.querySelectorAll<HTMLElement>('[data-testid="people-result"]') ?? [])];
  const onKeyDown = (event: KeyboardEvent<HTMLElement>, index: number, result: PersonResult) => {
    if (event.target !== event.currentTarget) return;
    const all = rows();
    const to = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? all.length - 1 : null;
    if (to !== null) {
      event.preventDefault();
      all[Math.max(0, Math.min(all.length - 1, to))]?.focus();
    } else if (event.key === 'Enter') {
      const profile = profileOf(result);
      if (profile) window.open(profile.url, '_blank', 'noopener');
    } else if (event.key === ' ') {
      event.preventDefault();
      onSelect(result.person.id, !selected.has(result.person.id));
    }
  };
  return (
    <ul className="people-results" ref={list} aria-label="People found">
      {results.map((result, index) => {
        const { person } = result;
        const profile = profileOf(result);
        const place = [person.company, person.location].filter(Boolean).join(' · ');
        return (
          <li
            key={person.id}
            className="people-result"
            data-testid="people-result"
            data-prospect-id={person.id}
            tabIndex={index === 0 ? 0 : -1}
            aria-label={person.name}
            onKeyDown={(e) => onKeyDown(e, index, result)}
          >
            <input type="checkbox" aria-label={`Select ${person.name}`} checked={selected.has(person.id)} onChange={(e) => onSelect(person.id, e.target.checked)} />
            <div className="people-result-main">
              <strong dir="auto">{person.name}</strong>
              {person.doNotContact && (
                <span className="badge warning" title={person.doNotContact.reason}>
                  Do not contact
                </span>
              )}
              {person.headline && (
                <div className="small" dir="auto">
                  {person.headline}
                </div>
              )}
              {place && (
                <div className="small muted" dir="auto">
                  {place}
                </div>
              )}
            </div>
            <div className="small muted people-result-when">{result.lastActivityAt === null ? 'No activity' : `Last activity ${format(result.lastActivityAt, 'd MMM yyyy')}`}</div>
            <div className="people-result-actions">
              {profile && (
                <a href={profile.url} target="_blank" rel="noopener noreferrer" aria-label={`Open profile of ${person.name} on ${SITE_NAMES[profile.site]} (new tab)`}>
                  Open profile
                </a>
              )}
              {onAddToReview && (
                <button type="button" disabled={inReview.has(person.id)} aria-label={inReview.has(person.id) ? `In the review batch: ${person.name}` : `Add to review: ${person.name}`} onClick={() => onAddToReview(person.id)}>
                  {inReview.has(person.id) ? 'In the review batch' : 'Add to review'}
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
