import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { ActivityFeed } from '@/components/activity/activity-feed';
import { QuickLog } from '@/components/activity/quick-log';
import { FollowUpControl } from '@/components/follow-ups/follow-up-control';
import { NoteSection } from '@/components/notes/note-section';
import { PipelineSection } from '@/components/pipeline/pipeline-section';
import { ExportPerson } from '@/components/privacy/export-person';
import { PrivacyNotice } from '@/components/privacy/privacy-notice';
import { isPlainKey, isTyping } from '@/components/review/shortcuts';
import { type ReviewKeyHandler, SidebarReview } from '@/components/review/sidebar-review';
import { AddToReview } from '@/components/review-batch/add-to-review';
import { BatchTray } from '@/components/review-batch/batch-tray';
import { useDb } from '@/components/ui/db-context';
import { useNow } from '@/components/ui/use-now';
import type { ProspectIdentity } from '@/lib/model';
import { knowsTeamState, recordVisit } from '@/lib/prospects/record-visit';
import { ErasePerson } from '@/components/privacy/erase-person';
import { DoNotContact } from './do-not-contact';
import { OutreachGuard } from './outreach-guard';
import { SamePerson } from './same-person';
import { FEED_PAGE, useProspectView } from './use-prospect-view';

/** Everything the team knows about one person, then actions: under the page's identity, which `SuppressionGate` draws above it. */
export function ProspectPanel({ identity }: { identity: ProspectIdentity }) {
  const db = useDb();
  // The panel is keyed by person (sidebar-app), so each person starts with one page of history.
  const [feedSize, setFeedSize] = useState(FEED_PAGE);
  const view = useProspectView(identity, feedSize);
  const now = useNow();
  const noteInput = useRef<HTMLTextAreaElement>(null);
  const reviewKeys = useRef<ReviewKeyHandler | null>(null);

  // After signing in, the visit waits for the first sync: recorded before, it could be today's second view.
  const teamKnown = useLiveQuery(() => knowsTeamState(db), [db]);
  useEffect(() => {
    if (!teamKnown) return;
    recordVisit(db, identity).catch((e: unknown) => console.warn('Tandem: could not record the visit', e));
  }, [db, identity, teamKnown]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPlainKey(e) || isTyping(e.target)) return;
      // A review open in the sidebar takes its keys first: there N is the decision's note.
      if (reviewKeys.current?.(e)) e.preventDefault();
      else if (e.key.toLowerCase() === 'n') {
        e.preventDefault();
        noteInput.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {view?.prospect === null && <p className="badge">New to your team</p>}
      <SamePerson identity={identity} />
      {view === undefined ? (
        <p className="muted" aria-busy="true">
          Loading what your team knows…
        </p>
      ) : (
        <>
          <OutreachGuard view={view} now={now} />
          {view.prospect && <PrivacyNotice prospect={view.prospect} activities={view.noticesSent} now={now} />}
          <SidebarReview view={view} now={now} keysRef={reviewKeys} />
          <QuickLog identity={identity} prospect={view.prospect} />
          <PipelineSection identity={identity} view={view} />
          <NoteSection
            identity={identity}
            notes={view.notes}
            members={view.members}
            meId={view.me?.memberId}
            now={now}
            inputRef={noteInput}
          />
          <ActivityFeed
            activities={view.feed.activities}
            members={view.members}
            requisitions={view.requisitions}
            meId={view.me?.memberId}
            now={now}
            onShowOlder={view.feed.more ? () => setFeedSize((n) => n + FEED_PAGE) : undefined}
          />
          {view.me?.role !== 'hiring_manager' && (
            <section aria-labelledby="review-heading">
              <h2 id="review-heading">Review</h2>
              <AddToReview identity={identity} prospectId={view.prospect?.id ?? null} />
            </section>
          )}
          <BatchTray />
          <FollowUpControl identity={identity} prospectId={view.prospect?.id ?? null} />
          <DoNotContact identity={identity} prospect={view.prospect} me={view.me} />
          {view.prospect && <ExportPerson prospect={view.prospect} me={view.me} />}
          <ErasePerson prospect={view.prospect} me={view.me} />
        </>
      )}
    </>
  );
}
