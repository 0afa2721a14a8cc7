import { useLiveQuery } from 'dexie-react-hooks';
import { type RefObject, useEffect, useEffectEvent, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ProspectView } from '@/components/prospect/use-prospect-view';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextLimit, limitProps, measureText } from '@/components/ui/text-limit';
import { useAction } from '@/components/ui/use-action';
import { decisionsForRequest, requestsForProspect } from '@/lib/db/review-queries';
import { dueText } from '@/lib/deadlines';
import { MESSAGE_MAX_BYTES, type ReviewRequest, type Verdict } from '@/lib/model';
import { reviewDecide, reviewUndo } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import type { Mark } from './review-store';
import { ShortcutHint } from './help-overlay';
import { Scorecard, scorecardItems } from './scorecard';
import { type ReviewAction, ariaKeys, shortcutFor } from './shortcuts';

/** Handles a review shortcut the sidebar's key listener passes on; true if it did something. */
export type ReviewKeyHandler = (e: KeyboardEvent) => boolean;

/** The review page's shortcuts that also work in the sidebar's review controls. */
const SIDEBAR_ACTIONS: readonly ReviewAction[] = ['approve', 'reject', 'note', 'undo'];

/**
 * The hiring manager's decision controls in the sidebar, when the profile they are looking at
 * is in a review waiting for them: the same scorecard, note and verdict as the review page.
 */
export function SidebarReview({ view, now, keysRef }: { view: ProspectView; now: number; keysRef: RefObject<ReviewKeyHandler | null> }) {
  const db = useDb();
  const prospectId = view.prospect?.id;
  const memberId = view.me?.memberId;
  // An open request for me, else one I just completed (so my last decision stays in view, with undo).
  const request = useLiveQuery(async () => {
    if (!prospectId || !memberId) return null;
    const mine = (await requestsForProspect(db, prospectId)).filter((r) => r.reviewerId === memberId);
    return mine.find((r) => r.status === 'open') ?? mine.find((r) => r.status === 'completed') ?? null;
  }, [db, prospectId, memberId]);
  if (!request || !prospectId) return null;
  return <ReviewControls key={request.id} request={request} prospectId={prospectId} now={now} keysRef={keysRef} />;
}

function ReviewControls({ request, prospectId, now, keysRef }: { request: ReviewRequest; prospectId: string; now: number; keysRef: RefObject<ReviewKeyHandler | null> }) {
  const db = useDb();
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [note, setNote] = useState('');
  const { run, error } = useAction();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const size = measureText(note, MESSAGE_MAX_BYTES);
  const data = useLiveQuery(async () => {
    const [requisition, decisions] = await Promise.all([db.requisitions.get(request.requisitionId), decisionsForRequest(db, request.id)]);
    return { requisition, decisions };
  }, [db, request.id, request.requisitionId]);
  const undo = (decisionId: string) => run(() => mutate(db, reviewUndo, { decisionId }));
  const decide = (verdict: Verdict) =>
    run(async () => {
      const ticked = Object.entries(marks);
      await mutate(db, reviewDecide, {
        requestId: request.id,
        prospectId,
        verdict,
        met: ticked.filter(([, m]) => m === 'met').map(([item]) => item),
        missing: ticked.filter(([, m]) => m === 'missing').map(([item]) => item),
        note,
      });
      setMarks({});
      setNote('');
    });

  const mine = data?.decisions.find((d) => d.prospectId === prospectId);

  // Undecided: A, R and N act on this person's decision (N is the decision's note, as on the
  // review page, not the team note box). Decided: U takes it back, and N is the team note again.
  const onKey = useEffectEvent((e: KeyboardEvent): boolean => {
    const action = shortcutFor(e.key)?.action;
    if (!data || !action || !SIDEBAR_ACTIONS.includes(action) || e.repeat) return false;
    if (mine) {
      if (action !== 'undo') return false;
      void undo(mine.id);
    } else if (action === 'approve' || action === 'reject') void decide(action);
    else if (action === 'note') noteRef.current?.focus();
    else return false;
    return true;
  });
  useEffect(() => {
    keysRef.current = (e) => onKey(e);
    return () => {
      keysRef.current = null;
    };
  }, [keysRef]);

  if (!data) return null;
  const items = scorecardItems(data.requisition?.mustHaves ?? [], data.requisition?.niceToHaves ?? []);

  return (
    <section className="sidebar-review" aria-labelledby="sidebar-review-heading" data-testid="sidebar-review">
      <h2 id="sidebar-review-heading">
        Your review
        {data.requisition && (
          <>
            {' · '}
            <span dir="auto">{data.requisition.title}</span>
          </>
        )}
      </h2>
      <p className="small">
        {data.decisions.length} of {request.prospectIds.length} decided · {dueText(request.dueAt, now)} ·{' '}
        <button type="button" className="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/review.html?request=${request.id}`) })}>
          Open the batch
        </button>
      </p>
      {mine ? (
        <p data-testid="sidebar-decision">
          You {mine.verdict === 'approve' ? 'approved' : 'rejected'} this person.{' '}
          <button type="button" className="link" aria-keyshortcuts={ariaKeys('undo')} onClick={() => void undo(mine.id)}>
            Undo
          </button>
        </p>
      ) : (
        <>
          <Scorecard items={items} marks={marks} onMark={(item, mark) => setMarks(({ [item]: _old, ...rest }) => (mark ? { ...rest, [item]: mark } : rest))} />
          <label htmlFor="sidebar-review-note">
            Note <span className="muted">(optional)</span>
          </label>
          <textarea id="sidebar-review-note" ref={noteRef} rows={2} dir="auto" {...limitProps('sidebar-review-note', size)} value={note} onChange={(e) => setNote(e.target.value)} />
          <TextLimit id="sidebar-review-note" size={size} />
          <div className="verdict-buttons">
            <button type="button" className="approve" data-testid="sidebar-approve" aria-keyshortcuts={ariaKeys('approve')} onClick={() => void decide('approve')}>
              Approve
            </button>
            <button type="button" className="reject" data-testid="sidebar-reject" aria-keyshortcuts={ariaKeys('reject')} onClick={() => void decide('reject')}>
              Reject
            </button>
          </div>
        </>
      )}
      <ErrorMessage error={error} />
      <ShortcutHint only={SIDEBAR_ACTIONS} className="sidebar-review-hint" />
    </section>
  );
}
