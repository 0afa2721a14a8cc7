import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';
import { BatchTray } from '@/components/review-batch/batch-tray';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { plural } from '@/components/ui/plural';
import { useAction } from '@/components/ui/use-action';
import { readIndexBacklog } from '@/lib/db/deferred-indexes';
import { NOTE_WORDS_LISTING, readUpgradeBacklog } from '@/lib/db/upgrade-walks';
import { NO_FILTERS, type PeopleFilters, type PeopleQuery, canMovePipeline, canRequestReview } from '@/lib/model';
import { addToTray, readTray } from '@/lib/review/batch-tray';
import type { DashboardViewProps } from '../dashboard-view-props';
import { type AddOutcome, addManyToRequisition } from './add-many';
import { PeopleFiltersForm } from './people-filters';
import { PeopleResults } from './people-results';
import { SavedSearches } from './saved-searches';
import { usePeopleSearch } from './use-people-search';

/** Rows shown at first and added by "Show more": a page, never the thousands a broad search finds. */
export const PEOPLE_PAGE = 50;

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * Rediscovery: everyone the team knows, by what they are called, do and where, and what the
 * team wrote about them; filtered by how far they got and how they were judged; newest activity
 * first. From a result: their profile, the review batch, or many at once into a requisition.
 */
export function PeopleView({ me, requisitions }: DashboardViewProps) {
  const db = useDb();
  const id = useId();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<PeopleFilters>(NO_FILTERS);
  const [limit, setLimit] = useState(PEOPLE_PAGE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<{ requisition: string; stage: string; result: AddOutcome } | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const page = usePeopleSearch(me, text, filters, limit);
  const tray = useLiveQuery(() => readTray(db), [db]);
  // A first sign-in stores people and notes before their search words (lib/db/deferred-indexes.ts).
  const indexing = useLiveQuery(async () => (await readIndexBacklog(db)) !== undefined || (await readUpgradeBacklog(db, NOTE_WORDS_LISTING)) !== undefined, [db]);
  const { run, error } = useAction();
  const openRequisitions = requisitions.filter((r) => r.status === 'open');

  // "/" puts the cursor in the search box, as on most sites with one.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      event.preventDefault();
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const apply = (query: PeopleQuery) => {
    setText(query.text);
    setFilters(query.filters);
    setLimit(PEOPLE_PAGE);
  };
  const select = (personId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(personId);
      else next.delete(personId);
      return next;
    });
  const reviewRequisition = tray?.requisitionId ?? openRequisitions[0]?.id ?? null;
  const addToReview = canRequestReview(me.role) && reviewRequisition !== null ? (personId: string) => void run(() => addToTray(db, reviewRequisition, personId)) : null;
  const results = page?.results ?? [];
  const shownIds = results.map((r) => r.person.id);
  const allShownSelected = shownIds.length > 0 && shownIds.every((p) => selected.has(p));

  return (
    <div className="people-view">
      <h2>People</h2>
      <div className="people-layout">
        <aside className="people-side">
          <SavedSearches me={me} current={{ text, filters }} onApply={apply} />
          <PeopleFiltersForm
            filters={filters}
            requisitions={requisitions}
            onChange={(next) => {
              setFilters(next);
              setLimit(PEOPLE_PAGE);
            }}
          />
        </aside>
        <section className="people-main" aria-labelledby={`${id}-found`}>
          <label htmlFor={`${id}-search`} className="people-search-label">
            Search people
          </label>
          <input
            id={`${id}-search`}
            ref={search}
            type="search"
            data-testid="people-search"
            aria-keyshortcuts="/"
            aria-describedby={indexing ? `${id}-hint ${id}-indexing` : `${id}-hint`}
            placeholder="Name, headline, company, location or note text"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setLimit(PEOPLE_PAGE);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowDown') return;
              const first = document.querySelector<HTMLElement>('[data-testid="people-result"]');
              if (first) {
                e.preventDefault();
                first.focus();
              }
            }}
          />
          <p id={`${id}-hint`} className="small muted">
            Press / to search, ↓ to go through the results, Enter to open a profile, Space to select. Note text matches from the third letter of a word.
          </p>
          {indexing && (
            <p id={`${id}-indexing`} className="small" data-testid="people-search-indexing">
              Still indexing this team’s people and notes for search: until it finishes, a search by words may leave out some who match, and people may not be in order of their newest activity. Filters are complete.
            </p>
          )}
          <p id={`${id}-found`} role="status" className="people-count" data-metric="people-found" data-value={page?.total ?? ''}>
            {page === undefined ? 'Searching…' : page.total === null ? 'Counting… · newest activity first' : page.total === 0 ? 'Nobody matches.' : `${plural(page.total, 'person', 'people')} · newest activity first`}
          </p>
          {results.length > 0 && (
            <label className="check">
              <input type="checkbox" checked={allShownSelected} onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...shownIds]) : new Set([...selected].filter((p) => !shownIds.includes(p))))} /> Select all shown
            </label>
          )}
          <PeopleResults results={results} selected={selected} onSelect={select} onAddToReview={addToReview} inReview={new Set(tray?.prospectIds ?? [])} />
          {page && (page.total ?? Infinity) > results.length && results.length >= limit && (
            <button type="button" onClick={() => setLimit(limit + PEOPLE_PAGE)}>
              Show {Math.min(PEOPLE_PAGE, (page.total ?? Infinity) - results.length)} more
            </button>
          )}
          <ErrorMessage error={error} />
          {selected.size > 0 &&
            (canMovePipeline(me.role) ? (
              <AddSelected
                selected={selected}
                requisitions={openRequisitions}
                onAdded={(added) => {
                  setOutcome(added);
                  if (added.result.notAdded.length === 0) setSelected(new Set());
                }}
              />
            ) : (
              <p className="muted small">Hiring managers see the pipeline; recruiters, sourcers and admins add people to it.</p>
            ))}
          {outcome && <AddedOutcome {...outcome} />}
          <BatchTray />
        </section>
      </div>
    </div>
  );
}

/** The selected people into an open requisition at a stage. */
function AddSelected({ selected, requisitions, onAdded }: { selected: ReadonlySet<string>; requisitions: DashboardViewProps['requisitions']; onAdded: (outcome: { requisition: string; stage: string; result: AddOutcome }) => void }) {
  const db = useDb();
  const id = useId();
  const [requisitionId, setRequisitionId] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const { run, error, busy } = useAction();
  if (requisitions.length === 0) return <p className="muted small">No open requisition to add them to.</p>;
  const requisition = requisitions.find((r) => r.id === requisitionId) ?? requisitions[0]!;
  const chosenStage = stage !== null && requisition.stages.includes(stage) ? stage : requisition.stages[0]!;
  const add = () => run(async () => onAdded({ requisition: requisition.title, stage: chosenStage, result: await addManyToRequisition(db, [...selected], requisition, chosenStage) }));
  return (
    <form
      className="people-add"
      aria-label="Add the selected people to a requisition"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <span>{plural(selected.size, 'person', 'people')} selected:</span>
      <label htmlFor={`${id}-req`}>Add to requisition</label>
      <select id={`${id}-req`} data-testid="people-add-requisition" value={requisition.id} onChange={(e) => setRequisitionId(e.target.value)}>
        {requisitions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-stage`}>at stage</label>
      <select id={`${id}-stage`} data-testid="people-add-stage" value={chosenStage} onChange={(e) => setStage(e.target.value)}>
        {requisition.stages.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <button type="submit" data-testid="people-add-submit" disabled={busy}>
        Add {plural(selected.size, 'person', 'people')}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

/** Who was added, and why anyone was not: each refusal in its own words. */
function AddedOutcome({ requisition, stage, result }: { requisition: string; stage: string; result: AddOutcome }) {
  return (
    <div role="status" className="small people-add-outcome" data-testid="people-add-outcome">
      {result.added.length > 0 && (
        <p>
          Added {plural(result.added.length, 'person', 'people')} to {requisition} at {stage}.
        </p>
      )}
      {result.notAdded.length > 0 && (
        <ul>
          {result.notAdded.map((n, i) => (
            <li key={i}>
              Not added: {n.name} — {n.why}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
