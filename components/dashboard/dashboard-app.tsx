import { useLiveQuery } from 'dexie-react-hooks';
import { type ComponentType, useEffect } from 'react';
import { FirstSyncProgress } from '@/components/sync/first-sync-progress';
import { SyncStatus } from '@/components/sync/sync-status';
import { useDb } from '@/components/ui/db-context';
import { useNow } from '@/components/ui/use-now';
import { ensureMe, readMe } from '@/lib/db/local-state';
import { teamMembers } from '@/lib/db/queries';
import { requisitions as requisitionsQuery } from '@/lib/db/review-queries';
import type { Requisition } from '@/lib/model';
import { BoardView } from './board/board-view';
import { CheckInView } from './checkin/checkin-view';
import { type DashboardView, useDashboardRoute } from './dashboard-route';
import type { DashboardViewProps } from './dashboard-view-props';
import { ForecastView } from './forecast/forecast-view';
import { NumbersView } from './numbers/numbers-view';
import { PeopleView } from './people/people-view';
import { PrivacyView } from './privacy/privacy-view';
import { RequisitionPicker } from './requisition-picker';

interface ViewDefinition {
  label: string;
  /** Whether the view is about one requisition (the picker shows). */
  perRequisition: boolean;
  component: ComponentType<DashboardViewProps>;
}

const VIEWS: Record<DashboardView, ViewDefinition> = {
  people: { label: 'People', perRequisition: false, component: PeopleView },
  board: { label: 'Pipeline board', perRequisition: true, component: BoardView },
  numbers: { label: 'Numbers', perRequisition: false, component: NumbersView },
  forecast: { label: 'Forecast', perRequisition: true, component: ForecastView },
  checkin: { label: 'Weekly check-in', perRequisition: true, component: CheckInView },
  privacy: { label: 'Privacy notices', perRequisition: false, component: PrivacyView },
};
const VIEW_ORDER = Object.keys(VIEWS) as DashboardView[];

/** The requisition a per-requisition view shows when the URL names none: the first open one. */
export function defaultRequisition(requisitions: readonly Requisition[]): Requisition | null {
  return requisitions.find((r) => r.status === 'open') ?? requisitions[0] ?? null;
}

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The dashboard (`dashboard.html`): the team's history as people to rediscover, a board per
 * requisition and the numbers (DESIGN.md "Pipeline and the numbers"). Every figure comes from
 * lib/metrics, so the views, the check-in and the tests agree.
 */
export function DashboardApp() {
  const db = useDb();
  useEffect(() => void ensureMe(db), [db]);
  const me = useLiveQuery(() => readMe(db), [db]);
  const members = useLiveQuery(() => teamMembers(db), [db]);
  const requisitions = useLiveQuery(() => requisitionsQuery(db), [db]);
  const now = useNow(60_000);
  const [route, navigate] = useDashboardRoute();

  // 1–6 switch views, as in the tab order, unless the member is typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      const view = VIEW_ORDER[Number(event.key) - 1];
      if (view) navigate({ view, requisitionId: route.requisitionId });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, route.requisitionId]);

  const definition = VIEWS[route.view];
  const ready = me && members && requisitions;
  const requisition = requisitions ? (requisitions.find((r) => r.id === route.requisitionId) ?? (route.requisitionId ? null : defaultRequisition(requisitions))) : null;
  const View = definition.component;

  return (
    <div className="dashboard-page">
      <header className="dashboard-topbar">
        <span className="brand">Tandem</span>
        <h1>Dashboard</h1>
        <nav className="dashboard-views" aria-label="Dashboard views">
          {VIEW_ORDER.map((view, k) => (
            <a
              key={view}
              href={`#${view}`}
              aria-current={view === route.view ? 'page' : undefined}
              aria-keyshortcuts={String(k + 1)}
              onClick={(event) => {
                event.preventDefault();
                navigate({ view, requisitionId: route.requisitionId });
              }}
            >
              {VIEWS[view].label}
            </a>
          ))}
        </nav>
        <div className="dashboard-sync">
          <SyncStatus />
        </div>
      </header>
      <main className="dashboard-main" aria-label={definition.label}>
        {!ready ? (
          <p className="muted" role="status">
            Loading…
          </p>
        ) : (
          <>
            <FirstSyncProgress caveat />
            {definition.perRequisition && (
              <RequisitionPicker requisitions={requisitions} selected={requisition} onChange={(id) => navigate({ view: route.view, requisitionId: id })} />
            )}
            {definition.perRequisition && requisitions.length === 0 ? (
              <p className="muted">No requisitions yet. A recruiter opens one on the Requisitions page; its pipeline shows here.</p>
            ) : definition.perRequisition && !requisition ? (
              <p className="muted">That requisition is not on this device (it arrives with the next sync), or it was removed.</p>
            ) : (
              <View me={me} members={members} requisitions={requisitions} requisition={requisition} route={route} now={now} navigate={navigate} />
            )}
          </>
        )}
      </main>
    </div>
  );
}
