import type { Me, Member, Requisition } from '@/lib/model';
import type { DashboardRoute } from './dashboard-route';

/** What the dashboard gives each of its views. */
export interface DashboardViewProps {
  me: Me;
  /** The team's members, for names and the member filters. */
  members: Member[];
  /** Every requisition on the device, by title. */
  requisitions: Requisition[];
  /**
   * The requisition the view is about: the one in the URL, else the first open one. Always set
   * for per-requisition views (the board, forecast, check-in); People and Numbers may ignore it.
   */
  requisition: Requisition | null;
  /** The URL's view and requisition as written (null: none named), where the default one would not do. */
  route: DashboardRoute;
  now: number;
  navigate: (route: DashboardRoute) => void;
}
