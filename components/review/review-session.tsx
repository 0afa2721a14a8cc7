import { memo, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useDb } from '@/components/ui/db-context';
import { errorText } from '@/components/ui/error-message';
import { isolate } from '@/components/ui/user-text';
import { memberName } from '@/components/ui/member-name';
import { useNow } from '@/components/ui/use-now';
import type { ReviewDecision, Verdict } from '@/lib/model';
import { reviewDecide, reviewUndo } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { DecisionPanel } from './decision-panel';
import { HelpOverlay, ShortcutHint } from './help-overlay';
import { PersonView } from './person-view';
import { ReviewHeader, StatusBanner } from './review-header';
import { EMPTY_DRAFT, createReviewStore, type Draft } from './review-store';
import { PeopleResults, ReviewSummary } from './review-summary';
import { scorecardItems } from './scorecard';
import { type ReviewAction, SHORTCUT_ITEMS, ariaKeys, isPlainKey, isTyping, shortcutFor } from './shortcuts';
import { type ReviewData, type ReviewPerson, useReviewData } from './use-review-data';

/** One request: loading, unknown, someone else's (read-only), or mine to decide. */
export function ReviewSession({ requestId }: { requestId: string }) {
  const data = useReviewData(requestId);
  const now = useNow();
  const title = data?.requisition?.title;
  useEffect(() => {
    document.title = title ? `Review: ${isolate(title)} · Tandem` : 'Review · Tandem';
  }, [title]);

  if (data === undefined) {
    return (
      <p className="state muted" aria-busy="true">
        Loading the review…
      </p>
    );
  }
  if (data === null) {
    return (
      <div className="state" data-testid="review-unknown">
        <h1>No such review</h1>
        <p className="muted">This review request is not on this device. It may not have synced yet, or the link is wrong.</p>
        <a href="review.html">See the reviews waiting for you</a>
      </div>
    );
  }
  if (!data.me || data.request.reviewerId !== data.me.memberId) return <ReadOnlyReview data={data} now={now} />;
  return <ReviewerView data={data} now={now} />;
}

/** Someone else's review: who decides it, and where it stands. No controls. */
function ReadOnlyReview({ data, now }: { data: ReviewData; now: number }) {
  const request = data.request;
  const reviewer = memberName(request.reviewerId, data.members, data.me?.memberId);
  return (
    <div className="review-page">
      <ReviewHeader head={data} request={request} now={now} />
      <StatusBanner request={request} members={data.members} meId={data.me?.memberId} now={now} />
      <article className="review-readonly" data-testid="review-not-mine">
        <h1>{reviewer} reviews this batch</h1>
        <p className="muted">
          Only {reviewer} can approve or reject the people in it. You can follow where each person stands here; decisions also appear in
          each person’s history.
        </p>
        <PeopleResults people={data.people} verdictOf={(p) => p.decision?.verdict ?? null} />
        <p>
          <a href="review.html">See the reviews waiting for you</a>
        </p>
      </article>
    </div>
  );
}

/** The addressed reviewer's page: one person at a time, decided from the keyboard. */
function ReviewerView({ data, now }: { data: ReviewData; now: number }) {
  const db = useDb();
  const [{ store, actions, draftOf }] = useState(createReviewStore);
  const request = data.request;
  const { people, me } = data;
  const count = people.length;
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const index = useStore(store, (s) => s.index);
  const helpOpen = useStore(store, (s) => s.helpOpen);
  const busy = useStore(store, (s) => s.busy);
  const error = useStore(store, (s) => s.error);
  const notice = useStore(store, (s) => s.notice);
  const madeCount = useStore(store, (s) => s.made.length);
  // Verdicts written here but not yet read back hold until the decisions are read again.
  const overlay = useStore(store, (s) => (s.overlay?.basis === data.decisions ? s.overlay.verdicts : null));
  // Handlers finish after awaiting the database, when newer data may be on screen: they read it here.
  const latestPeople = useRef(people);
  const latestDecisions = useRef(data.decisions);
  useLayoutEffect(() => {
    latestPeople.current = people;
    latestDecisions.current = data.decisions;
  }, [people, data.decisions]);
  /** Where a person stands now, including writes the data does not show yet. */
  const verdictNow = (p: ReviewPerson) => {
    const { overlay: o } = store.getState();
    return verdictIn(o?.basis === latestDecisions.current ? o.verdicts : null, p);
  };

  const verdictOf = useMemo(() => (p: ReviewPerson) => verdictIn(overlay, p), [overlay]);
  const decidedCount = people.filter((p) => verdictOf(p) !== null).length;
  const allDecided = decidedCount === count;
  const firstUndecided = people.findIndex((p) => verdictOf(p) === null);
  // `count` is the summary, which only makes sense once everyone has a decision.
  const position = index === null || (index >= count && !allDecided) ? (firstUndecided < 0 ? count : firstUndecided) : Math.min(index, count);
  const person = people[position];
  const decided = person ? verdictOf(person) !== null : false;
  const draft = useStore(store, (s) => (person ? s.drafts[person.key] : undefined)) ?? EMPTY_DRAFT;

  // The last decision made elsewhere (the sidebar, another device) completes the review here too.
  const wasAllDecided = useRef(allDecided);
  useEffect(() => {
    if (allDecided && !wasAllDecided.current) actions.goTo(count);
    wasAllDecided.current = allDecided;
  }, [allDecided, actions, count]);

  const requisition = data.requisition;
  const items = useMemo(() => scorecardItems(requisition?.mustHaves ?? [], requisition?.niceToHaves ?? []), [requisition]);
  const closed = request.status === 'reassigned' || request.status === 'cancelled';

  // A new person starts at the top of the page, like turning a page.
  useLayoutEffect(() => {
    if (window.scrollY > 0) window.scrollTo({ top: 0 });
  }, [position]);

  const move = (by: 1 | -1) => {
    if (by === 1) {
      if (position < count - 1) actions.goTo(position + 1);
      else if (position === count - 1 && allDecided) actions.goTo(count);
      else if (position === count - 1) actions.setNotice('That was the last person. Some still need a decision.');
    } else if (position > 0) actions.goTo(position - 1);
  };

  const decide = async (verdict: Verdict) => {
    const current = people[position];
    if (!current || store.getState().busy) return;
    const taken = draftOf(current.key);
    const ticked = (mark: 'met' | 'missing') => items.filter((i) => taken.marks[i.text] === mark).map((i) => i.text);
    actions.setBusy(true);
    actions.setError(null);
    try {
      const { result } = await mutate(db, reviewDecide, {
        requestId: request.id,
        prospectId: current.prospect?.id ?? current.key,
        verdict,
        met: ticked('met'),
        missing: ticked('missing'),
        note: taken.note,
      });
      if (result) actions.pushMade({ decisionId: result, personKey: current.key, draft: taken });
      actions.expect(latestDecisions.current, current.key, verdict);
      actions.clearDraft(current.key);
      // The next person without a decision, after this one and round to the start.
      const everyone = latestPeople.current;
      const from = everyone.findIndex((p) => p.key === current.key);
      let next = everyone.length;
      for (let step = 1; step < everyone.length; step++) {
        const i = (from + step) % everyone.length;
        if (verdictNow(everyone[i]!) === null) {
          next = i;
          break;
        }
      }
      actions.goTo(next);
    } catch (e) {
      actions.setError(errorText(e));
    } finally {
      actions.setBusy(false);
    }
  };

  /** Takes a decision back, restores what was ticked and typed, and shows the person again. */
  const takeBack = async (decisionId: string, key: string, restore: Draft) => {
    const { result } = await mutate(db, reviewUndo, { decisionId });
    if (result === undefined) return false; // already undone (elsewhere, or by its button)
    actions.expect(latestDecisions.current, key, null);
    actions.setDraft(key, restore);
    const at = latestPeople.current.findIndex((p) => p.key === key);
    if (at >= 0) actions.goTo(at);
    return true;
  };

  const run = async (action: () => Promise<void>) => {
    if (store.getState().busy) return;
    actions.setBusy(true);
    actions.setError(null);
    try {
      await action();
    } catch (e) {
      actions.setError(errorText(e));
    } finally {
      actions.setBusy(false);
    }
  };

  const undoLast = () =>
    run(async () => {
      for (let made = actions.popMade(); made; made = actions.popMade()) {
        if (await takeBack(made.decisionId, made.personKey, made.draft)) {
          actions.setNotice('Decision undone.');
          return;
        }
      }
      actions.setNotice('Nothing to undo: U takes back decisions made on this page.');
    });

  const undoDecision = (decision: ReviewDecision, key: string) =>
    run(async () => {
      store.setState((s) => ({ made: s.made.filter((m) => m.decisionId !== decision.id) }));
      const marks = Object.fromEntries([...decision.met.map((t) => [t, 'met']), ...decision.missing.map((t) => [t, 'missing'])]) as Draft['marks'];
      await takeBack(decision.id, key, { marks, note: decision.note });
    });

  const tick = (n: number) => {
    const item = items[n - 1];
    if (person && !decided && item && n <= SHORTCUT_ITEMS) actions.cycleMark(person.key, item.text);
  };

  const focusNote = () => {
    if (noteRef.current) noteRef.current.focus();
    else if (person) actions.setNotice('Already decided: undo the decision to change it.');
  };

  /** What each shortcut of the table does on this page. */
  const handlers: Record<ReviewAction, (key: string) => void> = {
    next: () => move(1),
    previous: () => move(-1),
    approve: () => void decide('approve'),
    reject: () => void decide('reject'),
    tick: (key) => tick(Number(key)),
    note: focusNote,
    leave: () => undefined,
    undo: () => void undoLast(),
    help: actions.toggleHelp,
  };

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!isPlainKey(e)) return;
    const shortcut = shortcutFor(e.key);
    if (!shortcut) return;
    const typing = isTyping(e.target);
    if (shortcut.action === 'leave') {
      if (store.getState().helpOpen) actions.closeHelp();
      else if (typing && e.target instanceof HTMLElement) e.target.blur();
      else return;
      e.preventDefault();
      return;
    }
    if (typing) return;
    // With the help open, only ? (and Esc) act: it closes the help.
    if (store.getState().helpOpen && shortcut.action !== 'help') return;
    // Holding a key may move through people, never decide several.
    if (e.repeat && !shortcut.repeats) return;
    handlers[shortcut.action](e.key);
    e.preventDefault();
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="review-page">
      <ReviewHeader head={data} request={request} now={now} />
      {/* The summary says it is complete; a closed request needs saying before any decision. */}
      {request.status !== 'completed' && <StatusBanner request={request} members={data.members} meId={me?.memberId} now={now} />}
      <nav className="review-nav" aria-label="Progress">
        {person && (
          <span data-testid="review-progress" aria-live="polite">
            {position + 1} of {count}
          </span>
        )}
        <span className="muted" data-testid="review-decided">
          {allDecided ? `All ${count} decided` : `${decidedCount} decided`}
        </span>
        <PeopleStrip people={people} verdictOf={verdictOf} position={position} onOpen={actions.goTo} />
        <span className="review-notice" role="status">
          {notice}
        </span>
        <button type="button" className="link help-link" onClick={actions.toggleHelp} aria-keyshortcuts={ariaKeys('help')}>
          Shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
      </nav>
      {person ? (
        <div className="review-main">
          <PersonView
            prospect={person.prospect}
            notes={person.notes}
            earlierDecisions={person.earlierDecisions}
            members={data.members}
            requisitions={data.requisitions}
            meId={me?.memberId}
            now={now}
          />
          <DecisionPanel
            items={items}
            draft={draft}
            decided={decided}
            decision={decided ? person.decision : undefined}
            closed={closed}
            busy={busy}
            error={error}
            now={now}
            noteRef={noteRef}
            onMark={(item, mark) => actions.setMark(person.key, item, mark)}
            onNote={(note) => actions.setNote(person.key, note)}
            onDecide={(verdict) => void decide(verdict)}
            onUndoDecision={(decision) => void undoDecision(decision, person.key)}
          />
        </div>
      ) : (
        <>
          <ReviewSummary people={people} verdictOf={verdictOf} onOpen={actions.goTo} canUndo={madeCount > 0} />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
      <ShortcutHint />
      {helpOpen && <HelpOverlay onClose={actions.closeHelp} />}
    </div>
  );
}

/** A person's verdict on this request: a write not yet back from the database first, else the data. */
function verdictIn(overlay: Record<string, Verdict | null> | null, p: ReviewPerson): Verdict | null {
  return overlay && p.key in overlay ? overlay[p.key]! : (p.decision?.verdict ?? null);
}

/** One mark per person, coloured by where they stand: the batch at a glance (mouse only; J/K move by keyboard). */
const PeopleStrip = memo(function PeopleStrip({
  people,
  verdictOf,
  position,
  onOpen,
}: {
  people: ReviewPerson[];
  verdictOf: (p: ReviewPerson) => Verdict | null;
  position: number;
  onOpen: (index: number) => void;
}) {
  return (
    <ol className="people-strip" aria-hidden="true">
      {people.map((p, i) => (
        <li key={p.key}>
          <button
            type="button"
            tabIndex={-1}
            title={p.prospect ? isolate(p.prospect.name) : 'Someone no longer in Tandem'}
            className={`verdict-${verdictOf(p) ?? 'none'}`}
            aria-current={i === position ? 'step' : undefined}
            onClick={() => onOpen(i)}
          />
        </li>
      ))}
    </ol>
  );
});
