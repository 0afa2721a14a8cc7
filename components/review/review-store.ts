import { createStore } from 'zustand/vanilla';
import type { Verdict } from '@/lib/model';

/** A scorecard item ticked one way or the other; unticked items are absent. */
export type Mark = 'met' | 'missing';

/** What the reviewer has ticked and typed for one person but not yet decided. */
export interface Draft {
  marks: Record<string, Mark>;
  note: string;
}

/** A decision made on this page since it opened: what U takes back, newest last. */
export interface MadeDecision {
  decisionId: string;
  /** The person as the request lists them. */
  personKey: string;
  /** What was ticked and typed, restored when the decision is undone. */
  draft: Draft;
}

export interface ReviewUiState {
  /** Position in the request (equal to the number of people: the summary); null until chosen. */
  index: number | null;
  helpOpen: boolean;
  drafts: Record<string, Draft>;
  made: MadeDecision[];
  /** A decision or undo is being written; further ones wait. */
  busy: boolean;
  /** The last refusal or failure, shown until the reviewer moves on. */
  error: string | null;
  /** A short notice for the reviewer (and assistive technology), e.g. "Nothing to undo". */
  notice: string | null;
  /**
   * Decisions written but not yet back from the live query (a verdict, or null: undone), valid
   * only while the page still shows `basis`, the data they were made on. Without it the page
   * would flash the old state for a frame after each decision.
   */
  overlay: { basis: unknown; verdicts: Record<string, Verdict | null> } | null;
}

export const EMPTY_DRAFT: Draft = { marks: {}, note: '' };

const NEXT_MARK: Record<'none' | Mark, Mark | null> = { none: 'met', met: 'missing', missing: null };

/** UI state of one review page: a store per page, so tests and pages never share it. */
export function createReviewStore() {
  const store = createStore<ReviewUiState>(() => ({
    index: null,
    helpOpen: false,
    drafts: {},
    made: [],
    busy: false,
    error: null,
    notice: null,
    overlay: null,
  }));

  const draftOf = (key: string) => store.getState().drafts[key] ?? EMPTY_DRAFT;
  const putDraft = (key: string, draft: Draft) => store.setState((s) => ({ drafts: { ...s.drafts, [key]: draft } }));

  const actions = {
    goTo: (index: number) => store.setState({ index, error: null, notice: null }),
    toggleHelp: () => store.setState((s) => ({ helpOpen: !s.helpOpen })),
    closeHelp: () => store.setState({ helpOpen: false }),
    setMark: (key: string, item: string, mark: Mark | null) => {
      const { [item]: _old, ...rest } = draftOf(key).marks;
      putDraft(key, { ...draftOf(key), marks: mark ? { ...rest, [item]: mark } : rest });
    },
    /** unset → met → missing → unset: what a number key does to its item. */
    cycleMark: (key: string, item: string) => actions.setMark(key, item, NEXT_MARK[draftOf(key).marks[item] ?? 'none']),
    setNote: (key: string, note: string) => putDraft(key, { ...draftOf(key), note }),
    setDraft: (key: string, draft: Draft) => putDraft(key, draft),
    clearDraft: (key: string) =>
      store.setState((s) => {
        const { [key]: _gone, ...drafts } = s.drafts;
        return { drafts };
      }),
    pushMade: (made: MadeDecision) => store.setState((s) => ({ made: [...s.made, made] })),
    popMade: (): MadeDecision | undefined => {
      const last = store.getState().made.at(-1);
      if (last) store.setState((s) => ({ made: s.made.slice(0, -1) }));
      return last;
    },
    setBusy: (busy: boolean) => store.setState({ busy }),
    setError: (error: string | null) => store.setState({ error, notice: null }),
    setNotice: (notice: string | null) => store.setState({ notice }),
    /** Records a write the data does not show yet; a newer `basis` starts afresh. */
    expect: (basis: unknown, key: string, verdict: Verdict | null) =>
      store.setState(({ overlay }) => ({
        overlay: { basis, verdicts: { ...(overlay && overlay.basis === basis ? overlay.verdicts : {}), [key]: verdict } },
      })),
  };

  return { store, actions, draftOf };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
