import { useFragmentRoute } from '@/components/ui/use-fragment-route';

/**
 * The dashboard's view lives in the URL fragment, so the popup and the requisitions page can
 * link to one (`dashboard.html#board/<requisition id>`) and Back works. Views about one
 * requisition carry its id; without one they show the first open requisition.
 */
export const DASHBOARD_VIEWS = ['people', 'board', 'numbers', 'forecast', 'checkin', 'privacy'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

export interface DashboardRoute {
  view: DashboardView;
  /** The requisition the view is about; null: the default one (or, for People and Numbers, all). */
  requisitionId: string | null;
}

const ROUTE = /^([a-z]+)(?:\/([0-9A-HJKMNP-TV-Z]{26}))?$/i;

export function parseDashboardHash(hash: string): DashboardRoute {
  let fragment = hash.replace(/^#/, '');
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    return { view: 'people', requisitionId: null };
  }
  const match = ROUTE.exec(fragment);
  const view = DASHBOARD_VIEWS.find((v) => v === match?.[1]?.toLowerCase());
  if (!match || !view) return { view: 'people', requisitionId: null };
  return { view, requisitionId: match[2]?.toUpperCase() ?? null };
}

export function dashboardHash(route: DashboardRoute): string {
  return route.requisitionId ? `#${route.view}/${route.requisitionId}` : `#${route.view}`;
}

export function useDashboardRoute(): [DashboardRoute, (route: DashboardRoute) => void] {
  return useFragmentRoute(parseDashboardHash, dashboardHash);
}
