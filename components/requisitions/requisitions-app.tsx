import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { SyncStatus } from '@/components/sync/sync-status';
import { useDb } from '@/components/ui/db-context';
import { useFleeting } from '@/components/ui/use-fleeting';
import { useNow } from '@/components/ui/use-now';
import { ensureMe, readMe } from '@/lib/db/local-state';
import { teamMembers } from '@/lib/db/queries';
import { requisitions as requisitionsQuery } from '@/lib/db/review-queries';
import { canCreateRequisition, canEditRequisition, type Me, type Member, type Requisition } from '@/lib/model';
import { RequisitionEditor } from './requisition-editor';
import { RequisitionList, sortRequisitions } from './requisition-list';
import { RequisitionView } from './requisition-view';
import { type Route, useHashRoute } from './use-hash-route';

/**
 * The requisitions page (`requisitions.html`): the intakes on the left, the chosen one on the
 * right — its scorecard and review requests, or the editor. `#<id>` opens one.
 */
export function RequisitionsApp() {
  const db = useDb();
  useEffect(() => void ensureMe(db), [db]);
  const me = useLiveQuery(() => readMe(db), [db]);
  const members = useLiveQuery(() => teamMembers(db), [db]);
  const rows = useLiveQuery(() => requisitionsQuery(db), [db]);
  const requests = useLiveQuery(() => db.reviewRequests.toArray(), [db]);
  const now = useNow(30_000);
  const [route, navigate] = useHashRoute();
  // Focus follows the member's own moves (choosing, saving, cancelling), not the first load.
  const [moved, setMoved] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useFleeting(notice, useCallback(() => setNotice(null), []));

  const go = (next: Route, message: string | null = null) => {
    setMoved(true);
    setNotice(message);
    navigate(next);
  };

  const ready = me && members && rows && requests;
  const memberMap = new Map((members ?? []).map((m) => [m.id, m]));
  const sorted = sortRequisitions(rows ?? []);
  const routeId = route.kind === 'view' || route.kind === 'edit' ? route.id : null;
  const shownId = route.kind === 'none' ? (sorted[0]?.id ?? null) : routeId;
  const mayCreate = me ? canCreateRequisition(me.role) : false;

  return (
    <div className="requisitions-page">
      <header className="requisitions-topbar">
        <span className="brand">Tandem</span>
        <h1>Requisitions</h1>
        <div className="requisitions-sync">
          <SyncStatus />
        </div>
      </header>
      <div className="requisitions-layout">
        <nav className="requisitions-nav" aria-label="Requisitions">
          {mayCreate && (
            <button type="button" className="primary" data-testid="requisition-new" aria-current={route.kind === 'new' ? 'page' : undefined} onClick={() => go({ kind: 'new' })}>
              New requisition
            </button>
          )}
          {ready && sorted.length === 0 && <p className="muted">{mayCreate ? 'No requisitions yet.' : 'No requisitions yet. Recruiters and admins open them.'}</p>}
          {ready && (
            <RequisitionList
              requisitions={sorted}
              requests={requests}
              members={memberMap}
              selectedId={route.kind === 'new' ? null : shownId}
              now={now}
              onSelect={(id) => go({ kind: 'view', id })}
            />
          )}
        </nav>
        <main className="requisitions-main">
          {!ready ? (
            <p className="muted" role="status">
              Loading…
            </p>
          ) : (
            <Content
              route={route}
              shownId={shownId}
              me={me}
              members={members}
              memberMap={memberMap}
              requisitions={sorted}
              now={now}
              moved={moved}
              notice={notice}
              go={go}
            />
          )}
        </main>
      </div>
    </div>
  );
}

interface ContentProps {
  route: Route;
  shownId: string | null;
  me: Me;
  members: Member[];
  memberMap: ReadonlyMap<string, Member>;
  requisitions: Requisition[];
  now: number;
  moved: boolean;
  notice: string | null;
  go: (next: Route, message?: string | null) => void;
}

function Content({ route, shownId, me, members, memberMap, requisitions, now, moved, notice, go }: ContentProps) {
  if (route.kind === 'new') {
    if (!canCreateRequisition(me.role)) return <Message title="New requisition" text="Only recruiters and admins open requisitions." />;
    return <RequisitionEditor initial={null} me={me} members={members} onSaved={(id) => go({ kind: 'view', id }, 'Requisition created.')} onCancel={() => go({ kind: 'none' })} />;
  }
  if (shownId === null) {
    return (
      <Message
        focus={moved}
        title="No requisitions yet"
        text={
          canCreateRequisition(me.role)
            ? 'A requisition is the intake you agree with the hiring manager: the must-haves and nice-to-haves, the feedback deadline and the stages. Start one with New requisition.'
            : 'A recruiter or an admin opens requisitions; they appear here once your team has one.'
        }
      />
    );
  }
  const requisition = requisitions.find((r) => r.id === shownId);
  if (!requisition) {
    return <Message focus={moved} title="Requisition not found" text="It is not on this device yet (it arrives with the next sync), or it was removed." />;
  }
  const view = () => go({ kind: 'view', id: requisition.id });
  if (route.kind === 'edit' && canEditRequisition(requisition, me.memberId, me.role)) {
    return <RequisitionEditor key={requisition.id} initial={requisition} me={me} members={members} onSaved={() => go({ kind: 'view', id: requisition.id }, 'Changes saved.')} onCancel={view} />;
  }
  return (
    <RequisitionView
      key={requisition.id}
      requisition={requisition}
      me={me}
      members={memberMap}
      now={now}
      focusHeading={moved}
      notice={notice}
      onEdit={() => go({ kind: 'edit', id: requisition.id })}
    />
  );
}

function Message({ title, text, focus = false }: { title: string; text: string; focus?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus, title]);
  return (
    <section className="requisitions-message" aria-labelledby="requisitions-message-title">
      <h2 id="requisitions-message-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>{text}</p>
    </section>
  );
}
